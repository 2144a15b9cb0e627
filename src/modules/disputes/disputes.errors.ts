import { registerAuditActions } from '../../platform/audit/audit.ts';
import { DomainError, registerErrors } from '../../platform/errors.ts';
import type { RuleError } from '../demands/rules/rule-result.ts';
import { ASSIGNMENT_RULE_ERRORS, DISPUTE_RULE_ERRORS } from './rules/index.ts';

/** The ladder rules' codes (DISPUTE_RULE_ERRORS) and the module's own, each with zh-CN and English messages. */
export const DISPUTE_ERRORS = registerErrors({
  ...DISPUTE_RULE_ERRORS,
  ...ASSIGNMENT_RULE_ERRORS,
  DISPUTE_SCREENING_NOT_GRID: { status: 400, zh: '「网格」应选择一个网格', en: 'Choose a grid' },
  DISPUTE_SCREENING_FUTURE_WEEK: { status: 400, zh: '「排查周」不能晚于本周', en: 'The week cannot be after the current one' },
  DISPUTE_SCREENING_ZERO_MISMATCH: { status: 400, zh: '没有发现纠纷时请勾选「零报告」；勾选零报告时「发现纠纷数」应为 0', en: 'A week with no disputes is a zero report; a zero report has 0 disputes' },
  DISPUTE_PLACE_NOT_ALLOWED: { status: 400, zh: '「纠纷地点」应为社区、网格、楼栋或住户', en: 'The place must be a community, grid, building or household' },
  DISPUTE_LADDER_UNKNOWN: { status: 400, zh: '「调解流程」不存在', en: 'Unknown ladder' },
  DISPUTE_TYPE_NOTE_REQUIRED: { status: 400, zh: '纠纷类型为“其他”时请写明「类型说明」', en: 'Describe the type' },
  DISPUTE_APPLICANT_REQUIRED: { status: 400, zh: '「当事人」中至少要有一位申请人', en: 'At least one party must be an applicant' },
  DISPUTE_RESIDENT_UNKNOWN: { status: 400, zh: '「当事人」关联的居民不存在', en: 'The linked resident does not exist' },
  DISPUTE_ID_NUMBER_INVALID: { status: 400, zh: '「身份证号」不正确', en: 'Invalid ID number' },
  DISPUTE_MEDIATOR_UNKNOWN: { status: 400, zh: '「调解员」应为本辖区在用的工作人员账号', en: 'Mediators must be active staff accounts of the district' },
  DISPUTE_OUTCOME_REQUIRED: { status: 400, zh: '请选择「调解结果」（调解成功 / 调解不成功 / 当事人拒绝调解）', en: 'Choose the outcome' },
  DISPUTE_ATTEMPT_IN_FUTURE: { status: 400, zh: '「调解日期」不能晚于今天', en: 'The attempt cannot be in the future' },
  DISPUTE_DATE_IN_FUTURE: { status: 400, zh: '日期不能晚于今天', en: 'The date cannot be in the future' },
  DISPUTE_NOT_SETTLED: { status: 409, zh: '该纠纷尚未调解成功，不能制作调解协议书', en: 'The dispute has not been settled' },
  DISPUTE_AGREEMENT_MISSING: { status: 409, zh: '该纠纷还没有调解协议书', en: 'There is no agreement yet' },
  DISPUTE_AGREEMENT_SIGNED: { status: 409, zh: '调解协议书已签署，不能修改', en: 'The agreement has been signed' },
  DISPUTE_AGREEMENT_NOT_SIGNED: { status: 409, zh: '调解协议书尚未签署', en: 'The agreement has not been signed' },
  DISPUTE_JUDICIAL_WINDOW_PASSED: { status: 409, zh: '已超过司法确认申请期限（协议生效之日起 30 日内，人民调解法第 33 条）', en: 'The 30-day window for judicial confirmation has passed' },
  DISPUTE_CLOSE_NOT_ALLOWED: { status: 409, zh: '当前状态不能以此结案情况结案', en: 'The dispute cannot be closed this way now' },
  DISPUTE_RECORDS_CONFIDENTIAL: { status: 403, zh: '调解记录保密：仅该纠纷的调解员、调解工作负责人和当事人可以查看', en: 'Mediation records are confidential' },
  DISPUTE_CONCURRENT: { status: 409, zh: '该纠纷刚被他人处理，请刷新后重试', en: 'Someone else just acted on this dispute; reload and retry' },
  DISPUTE_SCREENING_REPORT_UNKNOWN: { status: 400, zh: '「排查报告」不存在或不属于本社区', en: 'Unknown screening report' },
  DISPUTE_PARTY_UNKNOWN: { status: 400, zh: '「当事人」不属于该纠纷', en: 'The party is not part of this dispute' },
});

registerAuditActions({
  'dispute.screening_report': { zh: '填报纠纷排查', en: 'Screening report' },
  'dispute.register': { zh: '登记矛盾纠纷', en: 'Register dispute' },
  'dispute.risk': { zh: '调整纠纷风险等级', en: 'Change dispute risk' },
  'dispute.attempt': { zh: '登记调解', en: 'Record mediation attempt' },
  'dispute.escalate': { zh: '纠纷提级调解', en: 'Escalate dispute' },
  'dispute.refer': { zh: '纠纷移交', en: 'Refer dispute out' },
  'dispute.referral_update': { zh: '移交纠纷跟踪', en: 'Referral follow-up' },
  'dispute.agreement': { zh: '制作调解协议书', en: 'Draw up agreement' },
  'dispute.agreement_sign': { zh: '调解协议书签署', en: 'Agreement signed' },
  'dispute.judicial': { zh: '司法确认', en: 'Judicial confirmation' },
  'dispute.follow_up': { zh: '调解回访', en: 'Follow-up visit' },
  'dispute.close': { zh: '纠纷结案', en: 'Close dispute' },
  'dispute.view_records': { zh: '查看调解记录', en: 'View mediation records' },
  'dispute.print_agreement': { zh: '打印调解协议书', en: 'Print agreement' },
  'dispute.assign_mediator': { zh: '指派调解员', en: 'Assign mediator' },
  'dispute.remove_mediator': { zh: '撤销指派的调解员', en: 'Remove assigned mediator' },
});

/** A refused rule result as the error the edge layer answers with. */
export function ruleError(error: RuleError): DomainError {
  return new DomainError(error.code, error.details, error.zh, error.en);
}
