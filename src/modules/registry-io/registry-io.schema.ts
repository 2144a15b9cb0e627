import { z } from 'zod';
import type { RowError } from './check-rows.ts';
import type { ImportRow } from './registry-import.repository.ts';

/** Shapes of the registry import / export API, shared with the web app's import wizard. */
export const rowErrorSchema = z.object({
  row: z.number().describe('Excel 行号'),
  field: z.string().describe('字段（community, grid, building, household, name, idNumber, gender, birthDate, phone, relation, registration, registeredPlace, movedInOn）'),
  label: z.string().describe('列名（中文）'),
  message: z.string().describe('原因'),
});

/** At most this many errors travel in the JSON report; errors.xlsx always has every bad row. */
export const REPORT_ERROR_LIMIT = 1000;

export const importReportSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'committed', 'discarded']),
  expired: z.boolean().describe('超过有效期未导入（只能重新上传）'),
  nodeId: z.string(),
  fileName: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  expiresAt: z.string(),
  total: z.number().describe('数据行数（不含表头和示例行）'),
  good: z.number().describe('可导入行数'),
  bad: z.number().describe('有误行数'),
  newHouseholds: z.number().describe('导入时将新建的户（房号）数'),
  errors: z.array(rowErrorSchema).describe(`有误行的每个问题，按行号排序（最多 ${REPORT_ERROR_LIMIT} 条）`),
  errorCount: z.number(),
  errorsTruncated: z.boolean(),
  finishedAt: z.string().nullable(),
  imported: z.number().nullable().describe('实际导入人数（导入后）'),
  skipped: z.array(rowErrorSchema).describe('预览后才变成重复、导入时跳过的行'),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const importIdParams = z.object({ importId: z.uuid().describe('导入批次编号') });

export const uploadQuery = z.object({
  nodeId: z.uuid().optional().describe('本次导入的社区（默认：您的管辖范围）'),
  fileName: z.string().trim().max(200).optional().describe('原文件名（仅用于显示）'),
});

export const exportQuery = z.object({
  nodeId: z.uuid().optional().describe('导出哪个节点下的居民（默认：您的全部管辖范围）'),
  unmasked: z.enum(['0', '1']).optional().describe('1 = 导出完整身份证号和手机号（需要相应权限，记入审计日志）'),
});

export function presentImport(row: ImportRow, now: Date): ImportReport {
  const errors = Array.isArray(row.errors) ? (row.errors as RowError[]) : [];
  return {
    id: row.id,
    status: row.status,
    expired: row.status === 'pending' && row.expires_at.getTime() <= now.getTime(),
    nodeId: row.node_id,
    fileName: row.file_name,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by_name,
    expiresAt: row.expires_at.toISOString(),
    total: row.total_count,
    good: row.good_count,
    bad: row.bad_count,
    newHouseholds: row.new_households,
    errors: errors.slice(0, REPORT_ERROR_LIMIT),
    errorCount: errors.length,
    errorsTruncated: errors.length > REPORT_ERROR_LIMIT,
    finishedAt: row.finished_at ? row.finished_at.toISOString() : null,
    imported: row.imported_count,
    skipped: Array.isArray(row.skipped) ? (row.skipped as RowError[]) : [],
  };
}
