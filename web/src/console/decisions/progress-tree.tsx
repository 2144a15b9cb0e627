import { Progress, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useDT } from './decisions-messages';
import { day, isOverdue } from './decisions-format';

/** An implementation task (实施任务) with weighted children; a parent's progress rolls up from them. */
export type ProgressTask = {
  id: string;
  title: string;
  weight: number;
  /** 0–100 as entered for a leaf; ignored for a parent (rolled up). */
  progress: number;
  status: string;
  dueOn?: string | null;
  children?: ProgressTask[];
};

/** Weighted roll-up (mirrors RULES' progress.ts): a leaf is its own figure, a parent the weighted mean of its children. */
export function rolledUp(task: ProgressTask): number {
  const children = task.children ?? [];
  if (children.length === 0) return clamp(task.progress);
  const weight = children.reduce((sum, child) => sum + Math.max(0, child.weight), 0);
  if (weight <= 0) return 0;
  return children.reduce((sum, child) => sum + rolledUp(child) * Math.max(0, child.weight), 0) / weight;
}

function clamp(value: number): number {
  return Math.min(100, Math.max(0, Number.isFinite(value) ? value : 0));
}

/** 实施进度: the tasks as a tree, each with its (rolled-up) progress bar, weight and due day. */
export function ProgressTree({ tasks, onPick }: { tasks: ProgressTask[]; onPick?: (task: ProgressTask) => void }) {
  const t = useDT();
  const toNode = (task: ProgressTask): DataNode => {
    const value = Math.round(rolledUp(task));
    const late = value < 100 && isOverdue(task.dueOn ?? null);
    return {
      key: task.id,
      title: (
        <div className="gz-progress-row" data-testid="progress-task" onClick={onPick ? () => onPick(task) : undefined}>
          <span className="gz-progress-title">{task.title}</span>
          <Progress percent={value} size="small" status={value >= 100 ? 'success' : late ? 'exception' : 'active'} className="gz-progress-bar" />
          <Typography.Text type="secondary" className="gz-progress-meta">
            {t('progress.weight', { weight: task.weight })}
            {task.dueOn ? ` · ${t('progress.due', { date: day(task.dueOn) })}` : ''}
          </Typography.Text>
          {late && <Tag color="red">{t('progress.late')}</Tag>}
        </div>
      ),
      children: (task.children ?? []).map(toNode),
    };
  };
  return <Tree data-testid="progress-tree" className="gz-progress-tree" defaultExpandAll selectable={false} blockNode treeData={tasks.map(toNode)} />;
}

/** The whole matter's figure: tasks at the top level weighted the same way. */
export function overallProgress(tasks: ProgressTask[]): number {
  return rolledUp({ id: 'root', title: '', weight: 1, progress: 0, status: '', children: tasks });
}
