import { registerEnumType } from 'type-graphql';
import { enumDescriptions } from '../../core/enum-labels.js';

/** 申请人类型: the columns of the national annual report's table 三. */
export enum ApplicantType {
  NATURAL_PERSON = 'NATURAL_PERSON',
  COMMERCIAL_ENTERPRISE = 'COMMERCIAL_ENTERPRISE',
  RESEARCH_INSTITUTION = 'RESEARCH_INSTITUTION',
  PUBLIC_WELFARE_ORG = 'PUBLIC_WELFARE_ORG',
  LEGAL_SERVICE_ORG = 'LEGAL_SERVICE_ORG',
  OTHER_ORG = 'OTHER_ORG',
}
export const APPLICANT_TYPE_LABEL: Readonly<Record<ApplicantType, string>> = {
  NATURAL_PERSON: '自然人',
  COMMERCIAL_ENTERPRISE: '商业企业',
  RESEARCH_INSTITUTION: '科研机构',
  PUBLIC_WELFARE_ORG: '社会公益组织',
  LEGAL_SERVICE_ORG: '法律服务机构',
  OTHER_ORG: '其他',
};
registerEnumType(ApplicantType, {
  name: 'ApplicantType',
  description: '申请人类型（全国统一年报格式表三的列）',
  valuesConfig: enumDescriptions(ApplicantType, APPLICANT_TYPE_LABEL),
});

/** How the application arrived; fixes its date of receipt (条例第三十一条). */
export enum RequestChannel {
  /** 当面提交: the day it is handed in. */
  IN_PERSON = 'IN_PERSON',
  /** 邮寄: the day the agency signs for it. */
  POST = 'POST',
  /** 网络（在线申请平台）: the day both sides confirm. */
  ONLINE = 'ONLINE',
  /** 传真: the day both sides confirm. */
  FAX = 'FAX',
  /** 电子邮件: the day both sides confirm. */
  EMAIL = 'EMAIL',
  OTHER = 'OTHER',
}
export const REQUEST_CHANNEL_LABEL: Readonly<Record<RequestChannel, string>> = {
  IN_PERSON: '当面提交',
  POST: '邮寄',
  ONLINE: '网络申请',
  FAX: '传真',
  EMAIL: '电子邮件',
  OTHER: '其他',
};
registerEnumType(RequestChannel, {
  name: 'RequestChannel',
  description:
    '申请方式，决定收到申请之日（条例第三十一条）：当面提交的，以提交之日为收到申请之日；邮寄的，以签收之日为准；网络申请、传真、电子邮件的，以双方确认之日为准',
  valuesConfig: enumDescriptions(RequestChannel, REQUEST_CHANNEL_LABEL),
});

export enum RequestStatus {
  /** 办理中 */
  PROCESSING = 'PROCESSING',
  /** 待补正: the clock waits for the applicant. */
  AWAITING_CORRECTION = 'AWAITING_CORRECTION',
  /** 征求意见中: third party / other agency consulted; the clock stops (not for a consultation begun after the due date, which is recorded as late). */
  CONSULTING = 'CONSULTING',
  /** 已答复 */
  ANSWERED = 'ANSWERED',
}
export const REQUEST_STATUS_LABEL: Readonly<Record<RequestStatus, string>> = {
  PROCESSING: '办理中',
  AWAITING_CORRECTION: '待申请人补正',
  CONSULTING: '征求意见中',
  ANSWERED: '已办结',
};
registerEnumType(RequestStatus, {
  name: 'RequestStatus',
  description:
    '待申请人补正: the clock waits for the applicant. 征求意见中: a third party or another agency is consulted (征求第三方/其他机关意见) and the clock stops, unless the consultation began after the due date.',
  valuesConfig: enumDescriptions(RequestStatus, REQUEST_STATUS_LABEL),
});

/**
 * 办理结果: the leaf rows of table 三 of the national annual-report format
 * (国办公开办函〔2021〕30号; ids as in shared/domain/annual-report-spec.json).
 */
export enum RequestOutcome {
  GRANTED = 'granted',
  PARTIALLY_GRANTED = 'partiallyGranted',
  DENIED_STATE_SECRET = 'denied_stateSecret',
  DENIED_LAW_FORBIDDEN = 'denied_lawForbidden',
  DENIED_THREE_SECURITY_ONE_STABILITY = 'denied_threeSecurityOneStability',
  DENIED_THIRD_PARTY_RIGHTS = 'denied_thirdPartyRights',
  DENIED_INTERNAL_AFFAIRS = 'denied_internalAffairs',
  DENIED_PROCESS_INFO = 'denied_processInfo',
  DENIED_ENFORCEMENT_FILE = 'denied_enforcementFile',
  DENIED_ADMIN_QUERY = 'denied_adminQuery',
  UNABLE_NOT_HELD = 'unable_notHeld',
  UNABLE_NEEDS_CREATION = 'unable_needsCreation',
  UNABLE_STILL_UNCLEAR = 'unable_stillUnclear',
  NOT_PROCESSED_COMPLAINT = 'notProcessed_complaint',
  NOT_PROCESSED_REPEAT = 'notProcessed_repeat',
  NOT_PROCESSED_PUBLICATION = 'notProcessed_publication',
  NOT_PROCESSED_MASSIVE = 'notProcessed_massive',
  NOT_PROCESSED_CONFIRM_REISSUE = 'notProcessed_confirmReissue',
  OTHER_NO_CORRECTION = 'other_noCorrection',
  OTHER_FEE_UNPAID = 'other_feeUnpaid',
  OTHER_OTHER = 'other_other',
}
export const REQUEST_OUTCOME_LABEL: Readonly<Record<RequestOutcome, string>> = {
  [RequestOutcome.GRANTED]: '（一）予以公开',
  [RequestOutcome.PARTIALLY_GRANTED]: '（二）部分公开',
  [RequestOutcome.DENIED_STATE_SECRET]: '（三）1.属于国家秘密',
  [RequestOutcome.DENIED_LAW_FORBIDDEN]: '（三）2.其他法律行政法规禁止公开',
  [RequestOutcome.DENIED_THREE_SECURITY_ONE_STABILITY]: '（三）3.危及“三安全一稳定”',
  [RequestOutcome.DENIED_THIRD_PARTY_RIGHTS]: '（三）4.保护第三方合法权益',
  [RequestOutcome.DENIED_INTERNAL_AFFAIRS]: '（三）5.属于三类内部事务信息',
  [RequestOutcome.DENIED_PROCESS_INFO]: '（三）6.属于四类过程性信息',
  [RequestOutcome.DENIED_ENFORCEMENT_FILE]: '（三）7.属于行政执法案卷',
  [RequestOutcome.DENIED_ADMIN_QUERY]: '（三）8.属于行政查询事项',
  [RequestOutcome.UNABLE_NOT_HELD]: '（四）1.本机关不掌握相关政府信息',
  [RequestOutcome.UNABLE_NEEDS_CREATION]: '（四）2.没有现成信息需要另行制作',
  [RequestOutcome.UNABLE_STILL_UNCLEAR]: '（四）3.补正后申请内容仍不明确',
  [RequestOutcome.NOT_PROCESSED_COMPLAINT]: '（五）1.信访举报投诉类申请',
  [RequestOutcome.NOT_PROCESSED_REPEAT]: '（五）2.重复申请',
  [RequestOutcome.NOT_PROCESSED_PUBLICATION]: '（五）3.要求提供公开出版物',
  [RequestOutcome.NOT_PROCESSED_MASSIVE]: '（五）4.无正当理由大量反复申请',
  [RequestOutcome.NOT_PROCESSED_CONFIRM_REISSUE]: '（五）5.要求行政机关确认或重新出具已获取信息',
  [RequestOutcome.OTHER_NO_CORRECTION]: '（六）1.申请人无正当理由逾期不补正、行政机关不再处理',
  [RequestOutcome.OTHER_FEE_UNPAID]: '（六）2.申请人逾期未缴纳费用、行政机关不再处理',
  [RequestOutcome.OTHER_OTHER]: '（六）3.其他',
};
registerEnumType(RequestOutcome, {
  name: 'RequestOutcome',
  description: '办理结果（全国统一年报格式表三的末级分类）',
  valuesConfig: enumDescriptions(RequestOutcome, REQUEST_OUTCOME_LABEL),
});
