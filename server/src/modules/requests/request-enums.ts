import { registerEnumType } from 'type-graphql';

/** 申请人类型: the columns of the national annual report's table 三. */
export enum ApplicantType {
  NATURAL_PERSON = 'NATURAL_PERSON',
  COMMERCIAL_ENTERPRISE = 'COMMERCIAL_ENTERPRISE',
  RESEARCH_INSTITUTION = 'RESEARCH_INSTITUTION',
  PUBLIC_WELFARE_ORG = 'PUBLIC_WELFARE_ORG',
  LEGAL_SERVICE_ORG = 'LEGAL_SERVICE_ORG',
  OTHER_ORG = 'OTHER_ORG',
}
registerEnumType(ApplicantType, {
  name: 'ApplicantType',
  valuesConfig: {
    NATURAL_PERSON: { description: '自然人' },
    COMMERCIAL_ENTERPRISE: { description: '商业企业' },
    RESEARCH_INSTITUTION: { description: '科研机构' },
    PUBLIC_WELFARE_ORG: { description: '社会公益组织' },
    LEGAL_SERVICE_ORG: { description: '法律服务机构' },
    OTHER_ORG: { description: '其他' },
  },
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
registerEnumType(RequestChannel, {
  name: 'RequestChannel',
  valuesConfig: {
    IN_PERSON: { description: '当面提交（以提交之日为收到申请之日）' },
    POST: { description: '邮寄（以签收之日为收到申请之日）' },
    ONLINE: { description: '网络申请（以双方确认之日为收到申请之日）' },
    FAX: { description: '传真（以双方确认之日为收到申请之日）' },
    EMAIL: { description: '电子邮件（以双方确认之日为收到申请之日）' },
    OTHER: { description: '其他' },
  },
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
registerEnumType(RequestStatus, {
  name: 'RequestStatus',
  valuesConfig: {
    PROCESSING: { description: '办理中' },
    AWAITING_CORRECTION: { description: '待申请人补正' },
    CONSULTING: { description: '征求第三方/其他机关意见中' },
    ANSWERED: { description: '已办结' },
  },
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
registerEnumType(RequestOutcome, {
  name: 'RequestOutcome',
  description: '办理结果（全国统一年报格式表三的末级分类）',
  valuesConfig: {
    GRANTED: { description: '（一）予以公开' },
    PARTIALLY_GRANTED: { description: '（二）部分公开' },
    DENIED_STATE_SECRET: { description: '（三）1.属于国家秘密' },
    DENIED_LAW_FORBIDDEN: { description: '（三）2.其他法律行政法规禁止公开' },
    DENIED_THREE_SECURITY_ONE_STABILITY: { description: '（三）3.危及“三安全一稳定”' },
    DENIED_THIRD_PARTY_RIGHTS: { description: '（三）4.保护第三方合法权益' },
    DENIED_INTERNAL_AFFAIRS: { description: '（三）5.属于三类内部事务信息' },
    DENIED_PROCESS_INFO: { description: '（三）6.属于四类过程性信息' },
    DENIED_ENFORCEMENT_FILE: { description: '（三）7.属于行政执法案卷' },
    DENIED_ADMIN_QUERY: { description: '（三）8.属于行政查询事项' },
    UNABLE_NOT_HELD: { description: '（四）1.本机关不掌握相关政府信息' },
    UNABLE_NEEDS_CREATION: { description: '（四）2.没有现成信息需要另行制作' },
    UNABLE_STILL_UNCLEAR: { description: '（四）3.补正后申请内容仍不明确' },
    NOT_PROCESSED_COMPLAINT: { description: '（五）1.信访举报投诉类申请' },
    NOT_PROCESSED_REPEAT: { description: '（五）2.重复申请' },
    NOT_PROCESSED_PUBLICATION: { description: '（五）3.要求提供公开出版物' },
    NOT_PROCESSED_MASSIVE: { description: '（五）4.无正当理由大量反复申请' },
    NOT_PROCESSED_CONFIRM_REISSUE: { description: '（五）5.要求行政机关确认或重新出具已获取信息' },
    OTHER_NO_CORRECTION: { description: '（六）1.申请人无正当理由逾期不补正、行政机关不再处理' },
    OTHER_FEE_UNPAID: { description: '（六）2.申请人逾期未缴纳费用、行政机关不再处理' },
    OTHER_OTHER: { description: '（六）3.其他' },
  },
});
