import { registerAuditActions } from '../../platform/audit/audit.ts';
import { registerErrors } from '../../platform/errors.ts';

export const REGISTRY_IO_ERRORS = registerErrors({
  IMPORT_NOT_XLSX: { status: 400, zh: '上传的不是 Excel（.xlsx）文件，或文件已损坏。请用导入模板填写，保存为 .xlsx 格式后再上传', en: 'The upload is not a readable .xlsx file' },
  IMPORT_HEADER_MISMATCH: { status: 400, zh: '表头与模板不一致，请下载最新模板，按模板的列顺序填写', en: 'The header row does not match the template' },
  IMPORT_EMPTY_SHEET: { status: 400, zh: '表格中没有可导入的数据行（示例行不计）', en: 'The sheet has no data rows' },
  IMPORT_TOO_MANY_ROWS: { status: 400, zh: '一次导入的行数过多，请把文件拆开分批导入', en: 'Too many rows in one file' },
  IMPORT_NODE_REQUIRED: { status: 400, zh: '您管辖多个范围，请选择本次导入的社区（nodeId）', en: 'Choose the community the file is for (nodeId)' },
  IMPORT_ALREADY_COMMITTED: { status: 409, zh: '这批数据已经导入，不能重复导入', en: 'This batch has already been imported' },
  IMPORT_DISCARDED: { status: 409, zh: '这批数据已放弃，请重新上传文件', en: 'This batch was discarded; upload the file again' },
  IMPORT_EXPIRED: { status: 409, zh: '这批数据已超过 24 小时未导入，已失效，请重新上传文件', en: 'This batch has expired; upload the file again' },
  IMPORT_NOTHING_TO_COMMIT: { status: 409, zh: '这批数据没有可导入的行，请修改错误行后重新上传', en: 'No good rows to import' },
});

registerAuditActions({
  'registry.import.upload': { zh: '上传实有人口导入文件', en: 'Upload registry import file' },
  'registry.import.commit': { zh: '导入实有人口', en: 'Import registry rows' },
  'registry.import.discard': { zh: '放弃实有人口导入', en: 'Discard registry import' },
  'registry.export': { zh: '导出实有人口（脱敏）', en: 'Export registry (masked)' },
  'registry.export.unmasked': { zh: '导出实有人口（含完整身份证号和手机号）', en: 'Export registry with full ID numbers and phones' },
});
