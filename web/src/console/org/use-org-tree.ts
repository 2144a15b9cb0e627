import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../shared/api';
import type { OrgNode } from '../../shared/api-types';

export type OrgTree = {
  roots: OrgNode[] | undefined;
  rootsError: unknown;
  childrenOf: (nodeId: string) => OrgNode[] | undefined;
  /** ids whose children are loaded (for antd's controlled `loadedKeys`) */
  loadedIds: string[];
  isKnown: (nodeId: string) => boolean;
  /** A node already loaded into the tree. */
  findNode: (nodeId: string) => OrgNode | undefined;
  loadChildren: (nodeId: string) => Promise<OrgNode[]>;
  /** Fetch these nodes' children again (null: the roots); child counts change after a write. */
  refresh: (nodeIds: readonly (string | null)[]) => Promise<void>;
  /** Loads the children of each id in `path` (top first) that is inside the tree; returns those ids. */
  expandPath: (path: readonly string[]) => Promise<string[]>;
};

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** The lazily loaded org tree of the account's scope: roots first, children on demand. */
export function useOrgTree(): OrgTree {
  const [roots, setRoots] = useState<OrgNode[] | undefined>(undefined);
  const [rootsError, setRootsError] = useState<unknown>(undefined);
  const [children, setChildren] = useState<ReadonlyMap<string, OrgNode[]>>(new Map());
  const childrenRef = useRef(children);
  const rootsRef = useRef<OrgNode[]>([]);

  const storeChildren = useCallback((nodeId: string, list: OrgNode[]) => {
    const next = new Map(childrenRef.current);
    next.set(nodeId, list);
    childrenRef.current = next;
    setChildren(next);
  }, []);

  const loadRoots = useCallback(async () => {
    try {
      const list = await api.get<OrgNode[]>('/api/org/roots');
      rootsRef.current = list;
      setRoots(list);
      setRootsError(undefined);
    } catch (error) {
      setRootsError(error);
    }
  }, []);

  // A deep link may ask to unfold a path before the roots have arrived: expandPath waits for them.
  const [rootsReady] = useState(deferred);
  useEffect(() => {
    void loadRoots().finally(rootsReady.resolve);
  }, [loadRoots, rootsReady]);

  const fetchChildren = useCallback(
    async (nodeId: string) => {
      const list = await api.get<OrgNode[]>(`/api/org/nodes/${encodeURIComponent(nodeId)}/children`);
      storeChildren(nodeId, list);
      return list;
    },
    [storeChildren],
  );

  const loadChildren = useCallback(
    async (nodeId: string) => childrenRef.current.get(nodeId) ?? fetchChildren(nodeId),
    [fetchChildren],
  );

  const findNode = useCallback((nodeId: string) => {
    const root = rootsRef.current.find((node) => node.id === nodeId);
    if (root) return root;
    for (const list of childrenRef.current.values()) {
      const found = list.find((node) => node.id === nodeId);
      if (found) return found;
    }
    return undefined;
  }, []);

  const isKnown = useCallback((nodeId: string) => findNode(nodeId) !== undefined, [findNode]);

  const refresh = useCallback(
    async (nodeIds: readonly (string | null)[]) => {
      const tasks: Promise<unknown>[] = [];
      let roots = false;
      for (const nodeId of nodeIds) {
        if (nodeId === null || rootsRef.current.some((node) => node.id === nodeId)) roots = true;
        if (nodeId !== null && (isKnown(nodeId) || childrenRef.current.has(nodeId))) tasks.push(fetchChildren(nodeId));
      }
      if (roots) tasks.push(loadRoots());
      await Promise.allSettled(tasks);
    },
    [fetchChildren, isKnown, loadRoots],
  );

  const expandPath = useCallback(
    async (path: readonly string[]) => {
      await rootsReady.promise;
      const expanded: string[] = [];
      for (const nodeId of path) {
        if (!isKnown(nodeId)) continue;
        await loadChildren(nodeId);
        expanded.push(nodeId);
      }
      return expanded;
    },
    [isKnown, loadChildren, rootsReady],
  );

  const childrenOf = useCallback((nodeId: string) => children.get(nodeId), [children]);

  return { roots, rootsError, childrenOf, loadedIds: [...children.keys()], isKnown, findNode, loadChildren, refresh, expandPath };
}

/** Builds antd tree data from the loaded part of the tree. */
export function buildTreeData<T>(tree: OrgTree, toItem: (node: OrgNode, children: T[] | undefined) => T): T[] {
  const build = (nodes: readonly OrgNode[]): T[] =>
    nodes.map((node) => {
      const loaded = tree.childrenOf(node.id);
      return toItem(node, loaded ? build(loaded) : undefined);
    });
  return build(tree.roots ?? []);
}
