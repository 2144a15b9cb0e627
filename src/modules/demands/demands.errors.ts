import { registerAuditActions } from '../../platform/audit/audit.ts';
import { DomainError, registerErrors } from '../../platform/errors.ts';
import { DEMAND_RULE_ERRORS, type RuleError } from './rules/index.ts';

/** The rules' codes (DEMAND_RULE_ERRORS) and the module's own, each with zh-CN and English messages. */
export const DEMAND_ERRORS = registerErrors({
  ...DEMAND_RULE_ERRORS,
  DEMAND_CATEGORY_UNKNOWN: { status: 400, zh: '「诉求分类」不存在', en: 'Unknown demand category' },
  DEMAND_NO_ROUTE: { status: 409, zh: '没有适用的派单规则，请转派或上报', en: 'No routing rule applies; transfer or escalate' },
  DEMAND_PLACE_REQUIRED: { status: 400, zh: '请选择诉求所在的「社区、网格、楼栋或住户」', en: 'Choose the community, grid, building or household' },
  DEMAND_PLACE_OUTSIDE_COMMUNITY: { status: 400, zh: '「地点」应在某个社区之内', en: 'The place must lie inside a community' },
  DEMAND_RESIDENT_ELSEWHERE: { status: 400, zh: '「居民」不住在所选的地点', en: 'The resident does not live at the chosen place' },
  DEMAND_BODY_UNKNOWN: { status: 400, zh: '「承办单位」不存在', en: 'Unknown handling body' },
  DEMAND_MERGE_SELF: { status: 400, zh: '不能合并到诉求本身', en: 'A demand cannot be merged into itself' },
  DEMAND_MERGE_TARGET_CLOSED: { status: 409, zh: '「合并到」的诉求已办结或已合并', en: 'The target demand is closed or merged' },
  DEMAND_CONCURRENT: { status: 409, zh: '诉求刚被他人处理，请刷新后重试', en: 'Someone else just acted on this demand; reload and retry' },
  DEMAND_TOO_MANY_PHOTOS: { status: 400, zh: '「照片」最多 6 张', en: 'At most 6 photos' },
  DEMAND_PHOTO_NOT_FOUND: { status: 404, zh: '要找的照片不存在', en: 'Photo not found' },
});

registerAuditActions({
  'demand.receive': { zh: '登记诉求', en: 'Receive demand' },
  'demand.route': { zh: '诉求派单', en: 'Route demand' },
  'demand.accept': { zh: '受理诉求', en: 'Accept demand' },
  'demand.escalate': { zh: '诉求上报', en: 'Escalate demand' },
  'demand.return': { zh: '诉求退回', en: 'Return demand' },
  'demand.transfer': { zh: '诉求转派', en: 'Transfer demand' },
  'demand.extend': { zh: '诉求延期', en: 'Extend demand' },
  'demand.suspend': { zh: '诉求挂起', en: 'Suspend demand' },
  'demand.resume': { zh: '诉求恢复办理', en: 'Resume demand' },
  'demand.urge': { zh: '催办', en: 'Urge' },
  'demand.supervise': { zh: '督办', en: 'Supervise' },
  'demand.finish': { zh: '诉求办结', en: 'Finish demand' },
  'demand.reopen': { zh: '诉求重新办理', en: 'Reopen demand' },
  'demand.rate': { zh: '诉求评价', en: 'Rate demand' },
  'demand.merge': { zh: '诉求合并', en: 'Merge demand' },
});

/** A refused rule result as the platform's error (status and messages from the catalogue above). */
export function ruleError(error: RuleError): DomainError {
  return new DomainError(error.code, error.details, error.zh, error.en);
}
