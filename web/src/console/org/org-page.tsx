import { Card, Col, Empty, Grid, Row } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OrgNodeDetail } from '../../shared/api-types';
import { useT } from '../messages';
import { navigate } from '../router';
import { NodeDetailPanel, type OrgChange } from './node-detail-panel';
import { OrgTreePanel } from './org-tree-panel';
import { useOrgTree } from './use-org-tree';

/** `/org` and `/org/:nodeId`: tree on the left, the chosen node on the right (stacked on phones). */
export function OrgPage({ nodeId }: { nodeId: string | null }) {
  const t = useT();
  const tree = useOrgTree();
  const screens = Grid.useBreakpoint();
  const [expandedIds, setExpandedIds] = useState<string[]>([]);
  const detailRef = useRef<HTMLDivElement>(null);
  const { expandPath } = tree;

  // Open the first root when nothing is chosen, so the page is never empty.
  const firstRoot = tree.roots?.[0]?.id;
  useEffect(() => {
    if (!nodeId && firstRoot) navigate(`/org/${firstRoot}`, { replace: true });
  }, [nodeId, firstRoot]);

  // Unfold the tops of the scope once they arrive.
  const { roots } = tree;
  useEffect(() => {
    if (!roots || roots.length > 3) return;
    void expandPath(roots.map((root) => root.id)).then((ids) => setExpandedIds((current) => [...new Set([...current, ...ids])]));
  }, [roots, expandPath]);

  // Deep link or search hit: unfold the tree down to the node.
  const onLoaded = useCallback(
    (detail: OrgNodeDetail) => {
      void expandPath(detail.ancestors.map((ancestor) => ancestor.id)).then((ids) => {
        if (ids.length > 0) setExpandedIds((current) => [...new Set([...current, ...ids])]);
      });
    },
    [expandPath],
  );

  const select = (id: string) => {
    navigate(`/org/${id}`);
    // Choosing a node also unfolds it.
    const node = tree.findNode(id);
    if (node && node.childCount > 0) {
      void tree.loadChildren(id).then(() => setExpandedIds((current) => (current.includes(id) ? current : [...current, id])));
    }
    if (!screens.md) detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  const onChanged = ({ refresh, expand }: OrgChange) => {
    void tree.refresh(refresh).then(() => {
      if (expand) setExpandedIds((current) => (current.includes(expand) ? current : [...current, expand]));
    });
  };

  return (
    <div className="gz-page" data-testid="org-page">
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10} lg={8}>
          <OrgTreePanel tree={tree} selectedId={nodeId} expandedIds={expandedIds} onExpand={setExpandedIds} onSelect={select} />
        </Col>
        <Col xs={24} md={14} lg={16}>
          <div ref={detailRef}>
            {nodeId ? (
              <NodeDetailPanel key={nodeId} nodeId={nodeId} isKnown={tree.isKnown} onLoaded={onLoaded} onChanged={onChanged} />
            ) : (
              <Card variant="borderless" data-testid="node-detail">
                <Empty description={t('org.pick')} />
              </Card>
            )}
          </div>
        </Col>
      </Row>
    </div>
  );
}
