import { TreeSelect } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import type { NodeKind, OrgNode } from '../../shared/api-types';
import { kindLabel, useT } from '../messages';
import { buildTreeData, useOrgTree } from '../org/use-org-tree';

export type OrgPick = { id: string; name: string };

type Option = { value: string; label: string; title: ReactNode; isLeaf: boolean; disabled: boolean; children?: Option[] };
type Labeled = { value: string; label?: ReactNode };

type Props = {
  value?: OrgPick | null;
  onChange?: (pick: OrgPick | null) => void;
  /** Nodes of other kinds can be unfolded but not chosen. */
  allowedKinds?: readonly NodeKind[];
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  className?: string;
  testId?: string;
};

/** A node picker over the account's scope, loading children on demand. Works as a Form.Item control. */
export function OrgTreeSelect({ value, onChange, allowedKinds, placeholder, allowClear, style, className, testId }: Props) {
  const t = useT();
  const tree = useOrgTree();
  const names = new Map<string, string>();

  const treeData = buildTreeData<Option>(tree, (node: OrgNode, children) => {
    names.set(node.id, node.name);
    return {
      value: node.id,
      label: node.name,
      title: (
        <span>
          {node.name}
          <span className="gz-muted"> · {kindLabel(t, node.kind)}</span>
        </span>
      ),
      isLeaf: node.childCount === 0,
      disabled: allowedKinds ? !allowedKinds.includes(node.kind) : false,
      children,
    };
  });

  return (
    <div data-testid={testId} style={style} className={className}>
      <TreeSelect<Labeled | undefined, Option>
        labelInValue
        style={{ width: '100%' }}
        value={value ? { value: value.id, label: value.name } : undefined}
        treeData={treeData}
        treeLoadedKeys={tree.loadedIds}
        loadData={async (option) => {
          if (typeof option.value === 'string') await tree.loadChildren(option.value);
        }}
        treeNodeLabelProp="label"
        treeNodeFilterProp="label"
        showSearch
        allowClear={allowClear}
        placeholder={placeholder ?? t('org.pickNode')}
        popupMatchSelectWidth={false}
        loading={!tree.roots && !tree.rootsError}
        onChange={(picked) => {
          if (!picked) onChange?.(null);
          else onChange?.({ id: picked.value, name: names.get(picked.value) ?? (typeof picked.label === 'string' ? picked.label : picked.value) });
        }}
      />
    </div>
  );
}
