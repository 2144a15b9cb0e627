import { Alert, Button, Card, Empty, Input, List, Spin, Tag, Tree, type TreeDataNode } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../shared/api';
import type { OrgNode } from '../../shared/api-types';
import { kindLabel, useT } from '../messages';
import { buildTreeData, type OrgTree } from './use-org-tree';

type Props = {
  tree: OrgTree;
  selectedId: string | null;
  expandedIds: string[];
  onExpand: (ids: string[]) => void;
  onSelect: (nodeId: string) => void;
};

/** The scope's tree (lazy) with a search box above it; search results replace the tree until cleared. */
export function OrgTreePanel({ tree, selectedId, expandedIds, onExpand, onSelect }: Props) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<OrgNode[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);

  const search = async (value: string) => {
    const q = value.trim();
    if (!q) {
      setResults(null);
      return;
    }
    setSearching(true);
    setSearchError(null);
    try {
      setResults(await api.get<OrgNode[]>('/api/org/search', { query: { q } }));
    } catch (error) {
      setSearchError(errorMessage(error));
    } finally {
      setSearching(false);
    }
  };

  const treeData = buildTreeData<TreeDataNode>(tree, (node, children) => ({
    key: node.id,
    isLeaf: node.childCount === 0,
    children,
    title: (
      <span className="gz-tree-title">
        {node.name}
        <span className="gz-muted"> · {kindLabel(t, node.kind)}</span>
      </span>
    ),
  }));

  return (
    <Card title={t('org.title')} variant="borderless" className="gz-org-tree-card">
      <Input.Search
        placeholder={t('org.search.placeholder')}
        allowClear
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          if (!event.target.value) setResults(null);
        }}
        onSearch={search}
        loading={searching}
        data-testid="org-search"
        style={{ marginBottom: 12 }}
      />
      {searchError && <Alert type="error" showIcon title={searchError} style={{ marginBottom: 12 }} />}
      {results ? (
        <div data-testid="org-search-results">
          <div className="gz-search-head">
            <span className="gz-muted">{t('org.search.count', { count: results.length })}</span>
            <Button type="link" size="small" onClick={() => { setQuery(''); setResults(null); }}>
              {t('org.search.back')}
            </Button>
          </div>
          <List
            size="small"
            dataSource={results}
            locale={{ emptyText: t('org.search.empty') }}
            renderItem={(node) => (
              <List.Item className={node.id === selectedId ? 'gz-search-hit gz-selected' : 'gz-search-hit'} onClick={() => onSelect(node.id)}>
                <span>
                  {node.name}
                  {node.trail ? <span className="gz-muted">（{node.trail}）</span> : null}
                </span>
                <Tag>{kindLabel(t, node.kind)}</Tag>
              </List.Item>
            )}
          />
        </div>
      ) : tree.rootsError ? (
        <Alert type="error" showIcon title={errorMessage(tree.rootsError)} />
      ) : !tree.roots ? (
        <Spin />
      ) : tree.roots.length === 0 ? (
        <Empty description={t('org.empty')} />
      ) : (
        <Tree
          data-testid="org-tree"
          showLine
          blockNode
          treeData={treeData}
          selectedKeys={selectedId ? [selectedId] : []}
          expandedKeys={expandedIds}
          loadedKeys={tree.loadedIds}
          onExpand={(keys) => onExpand(keys.map(String))}
          loadData={async (node) => {
            await tree.loadChildren(String(node.key));
          }}
          onSelect={(keys) => {
            const [first] = keys;
            if (first !== undefined) onSelect(String(first));
          }}
        />
      )}
    </Card>
  );
}
