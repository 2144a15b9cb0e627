import { registerAuditActions } from '../../../platform/audit/audit.ts';
import { registerErrors } from '../../../platform/errors.ts';

/** Codes of the interop module (Open311 answers carry them in the spec's error body too). */
export const INTEROP_ERRORS = registerErrors({
  INTEROP_KEY_REQUIRED: { status: 403, zh: '缺少或无效的接口密钥（api_key）', en: 'Missing or invalid api_key' },
  INTEROP_KEY_REVOKED: { status: 403, zh: '接口密钥已停用', en: 'The api_key has been revoked' },
  INTEROP_KEY_NODE_KIND: { status: 400, zh: '「可提交范围」应为街道或社区', en: 'The key must be bound to a street or a community' },
  INTEROP_KEY_NOT_FOUND: { status: 404, zh: '要找的接口密钥不存在', en: 'API key not found' },
  INTEROP_JURISDICTION_UNKNOWN: { status: 404, zh: '「jurisdiction_id」不是本平台的辖区代码', en: 'Unknown jurisdiction_id' },
  INTEROP_SERVICE_UNKNOWN: { status: 404, zh: '「service_code」不存在', en: 'Unknown service_code' },
  INTEROP_REQUEST_NOT_FOUND: { status: 404, zh: '要找的诉求（service_request_id）不存在', en: 'Service request not found' },
  INTEROP_LOCATION_REQUIRED: { status: 400, zh: '请提供位置（lat 和 long）或「address_string」', en: 'Give lat and long, or address_string' },
  INTEROP_OUTSIDE_KEY_AREA: { status: 403, zh: '该位置不在本接口密钥可提交的范围内', en: 'The location lies outside the area this api_key may file into' },
  INTEROP_PLACE_UNRESOLVED: { status: 400, zh: '无法确定诉求所在社区：请提供网格内的位置，或在地址中写明社区名称', en: 'Cannot tell the community: give a point inside a grid, or name the community in the address' },
  INTEROP_BAD_PARAMETER: { status: 400, zh: '参数有误', en: 'Invalid parameter' },
  INTEROP_TICKET_NOT_FOUND: { status: 404, zh: '没有这个 12345 工单编号', en: 'No such 12345 ticket number' },
  INTEROP_FILE_NOT_XLSX: { status: 400, zh: '请上传 .xlsx 格式的 12345 工单文件', en: 'Upload the 12345 tickets as an .xlsx file' },
  INTEROP_FILE_NO_ROWS: { status: 400, zh: '文件里没有工单行（第 1 行应为表头）', en: 'The file has no ticket rows (row 1 is the header)' },
  INTEROP_FILE_TOO_MANY_ROWS: { status: 400, zh: '一次最多导入 5000 条工单', en: 'At most 5,000 tickets per file' },
});

registerAuditActions({
  'interop.key.create': { zh: '创建接口密钥', en: 'Create API key' },
  'interop.key.revoke': { zh: '停用接口密钥', en: 'Revoke API key' },
  'interop.request': { zh: '接口提交诉求', en: 'Demand filed through an API key' },
  'interop.import': { zh: '导入 12345 工单', en: 'Import 12345 tickets' },
});
