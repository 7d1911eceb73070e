import type { ApplicantType, DutyKind, PeriodType, RequestChannel, RequestOutcome, RequestStatus, Role } from '../../graphql/generated/graphql';

export const ROLE: Record<Role, string> = { ADMIN: '管理员', DEPARTMENT_HEAD: '科室负责人', LIAISON: '信息员', SCREEN: '大屏' };
export const PERIOD_TYPE: Record<PeriodType, string> = { MONTH: '每月', QUARTER: '每季度', YEAR: '每年' };
export const DUTY_KIND: Record<DutyKind, string> = { PROPOSAL: '建议提案办理复文公开', MESSAGE: '网站留言答复', PENALTY: '行政处罚决定公开' };
export const DUTY_EVENT: Record<DutyKind, string> = { PROPOSAL: '复文办结之日', MESSAGE: '收到留言之日', PENALTY: '作出处罚决定之日' };
export const DUTY_REFERENCE: Record<DutyKind, string> = { PROPOSAL: '建议提案编号', MESSAGE: '留言编号', PENALTY: '处罚决定书文号' };
export const REQUEST_STATUS: Record<RequestStatus, string> = { PROCESSING: '办理中', AWAITING_CORRECTION: '待申请人补正', CONSULTING: '征求意见中', ANSWERED: '已办结' };
export const APPLICANT_TYPE: Record<ApplicantType, string> = {
  NATURAL_PERSON: '自然人',
  COMMERCIAL_ENTERPRISE: '商业企业',
  RESEARCH_INSTITUTION: '科研机构',
  PUBLIC_WELFARE_ORG: '社会公益组织',
  LEGAL_SERVICE_ORG: '法律服务机构',
  OTHER_ORG: '其他',
};
export const REQUEST_CHANNEL: Record<RequestChannel, string> = { IN_PERSON: '当面提交', POST: '邮寄', ONLINE: '网络申请', EMAIL: '电子邮件', FAX: '传真', OTHER: '其他' };
export const REQUEST_OUTCOME: Record<RequestOutcome, string> = {
  GRANTED: '（一）予以公开',
  PARTIALLY_GRANTED: '（二）部分公开',
  DENIED_STATE_SECRET: '（三）1.属于国家秘密',
  DENIED_LAW_FORBIDDEN: '（三）2.其他法律行政法规禁止公开',
  DENIED_THREE_SECURITY_ONE_STABILITY: '（三）3.危及“三安全一稳定”',
  DENIED_THIRD_PARTY_RIGHTS: '（三）4.保护第三方合法权益',
  DENIED_INTERNAL_AFFAIRS: '（三）5.属于三类内部事务信息',
  DENIED_PROCESS_INFO: '（三）6.属于四类过程性信息',
  DENIED_ENFORCEMENT_FILE: '（三）7.属于行政执法案卷',
  DENIED_ADMIN_QUERY: '（三）8.属于行政查询事项',
  UNABLE_NOT_HELD: '（四）1.本机关不掌握相关政府信息',
  UNABLE_NEEDS_CREATION: '（四）2.没有现成信息需要另行制作',
  UNABLE_STILL_UNCLEAR: '（四）3.补正后申请内容仍不明确',
  NOT_PROCESSED_COMPLAINT: '（五）1.信访举报投诉类申请',
  NOT_PROCESSED_REPEAT: '（五）2.重复申请',
  NOT_PROCESSED_PUBLICATION: '（五）3.要求提供公开出版物',
  NOT_PROCESSED_MASSIVE: '（五）4.无正当理由大量反复申请',
  NOT_PROCESSED_CONFIRM_REISSUE: '（五）5.要求行政机关确认或重新出具已获取信息',
  OTHER_NO_CORRECTION: '（六）1.申请人无正当理由逾期不补正',
  OTHER_FEE_UNPAID: '（六）2.申请人逾期未缴纳费用',
  OTHER_OTHER: '（六）3.其他',
};
export const SCOPE_LABEL: Record<string, string> = { OFFICES: '机关各科室', SUBORDINATE_UNITS: '局属各单位', COUNTY_UNITS: '县直各单位', TOWNSHIPS: '各乡镇' };
