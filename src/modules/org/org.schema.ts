import { z } from 'zod';

export const nodeKindSchema = z.enum(['district', 'street', 'community', 'grid', 'building', 'household']);

export const orgNodeSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: nodeKindSchema,
  kindLabel: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  childCount: z.number(),
  residentCount: z.number(),
  /** Names of the ancestors below the district (search results: tells the many 第一网格 apart). */
  trail: z.string().optional(),
});

export const orgNodeDetailSchema = orgNodeSchema.extend({
  ancestors: z.array(z.object({ id: z.string(), name: z.string(), kind: nodeKindSchema })),
});

export const nodeIdParams = z.object({ nodeId: z.uuid().describe('组织节点编号') });

export const createNodeBody = z
  .object({
    parentId: z.uuid().describe('上级节点'),
    name: z.string().trim().min(1).max(100).describe('名称'),
    code: z.string().trim().max(50).nullish().describe('编码'),
  })
  .strict();

export const updateNodeBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional().describe('名称'),
    code: z.string().trim().max(50).nullish().describe('编码'),
  })
  .strict();

export const searchQuery = z.object({ q: z.string().trim().min(1).max(50).describe('关键词') });

export type OrgNodeView = z.infer<typeof orgNodeSchema>;
