import { BadInputError, ConflictError, NotFoundError } from '../../errors.js';

export class PublicationNotFoundError extends NotFoundError {
  constructor(id: string | number) {
    super('信息发布记录', 'PUBLICATION_NOT_FOUND', id);
  }
}

export class CategoryNotFoundError extends NotFoundError {
  constructor(id: string | number) {
    super('目录分类', 'CATEGORY_NOT_FOUND', id);
  }
}

export class ChannelNotFoundError extends NotFoundError {
  constructor(id: string | number) {
    super('发布渠道', 'CHANNEL_NOT_FOUND', id);
  }
}

export class PublishedInFutureError extends BadInputError {
  constructor(date: string, today: string) {
    super(`发布日期 ${date} 晚于今天（${today}），只能登记已经发布的信息`, 'PUBLISHED_IN_FUTURE', 'publishedOn', { today });
  }
}

export class PublishedTooEarlyError extends BadInputError {
  constructor(date: string) {
    super(`发布日期 ${date} 早于2000年，请检查`, 'PUBLISHED_TOO_EARLY', 'publishedOn');
  }
}

export class InvalidPublicationUrlError extends BadInputError {
  constructor(url: string) {
    super(`链接“${url.slice(0, 200)}”不是有效的 http(s) 网址`, 'INVALID_URL', 'url');
  }
}

export class InterpretationFormRequiredError extends BadInputError {
  constructor(category: string) {
    super(`“${category}”类信息须注明解读形式（文字、图表、视频、动漫或在线访谈）`, 'INTERPRETATION_FORM_REQUIRED', 'interpretationForm');
  }
}

export class InterpretationFormNotApplicableError extends BadInputError {
  constructor(category: string) {
    super(`只有政策解读类信息才填写解读形式，“${category}”类不需要`, 'INTERPRETATION_FORM_NOT_APPLICABLE', 'interpretationForm');
  }
}

export class InactiveCategoryError extends BadInputError {
  constructor(name: string) {
    super(`目录分类“${name}”已停用，不能再登记新的信息`, 'CATEGORY_INACTIVE', 'categoryId');
  }
}

export class InactiveChannelError extends BadInputError {
  constructor(name: string) {
    super(`发布渠道“${name}”已停用（账号关停或栏目撤销），不能再登记新的信息`, 'CHANNEL_INACTIVE', 'channelId');
  }
}

export class ChannelNotAvailableError extends BadInputError {
  constructor(channel: string, department: string) {
    super(`发布渠道“${channel}”属于其他单位，“${department}”不能使用`, 'CHANNEL_NOT_AVAILABLE', 'channelId');
  }
}

export class DuplicatePublicationUrlError extends ConflictError {
  /** `existingUrl`: the address as the earlier record has it, when it is written differently (same page). */
  constructor(url: string, existingId: number | null, existingUrl?: string) {
    const disguised = existingUrl && existingUrl !== url ? `，登记时的链接为 ${existingUrl.slice(0, 300)}` : '';
    super(`该链接已登记过${existingId ? `（记录 ${existingId}）` : ''}${disguised}，同一条信息不重复计数`, 'DUPLICATE_PUBLICATION_URL', 'url', {
      url: url.slice(0, 500),
      ...(existingId ? { existingId: String(existingId) } : {}),
      ...(existingUrl ? { existingUrl: existingUrl.slice(0, 500) } : {}),
    });
  }
}

export class IndexNumberConflictError extends ConflictError {
  constructor(indexNumber: string) {
    super(`索引号 ${indexNumber} 已被占用，请重试`, 'INDEX_NUMBER_TAKEN', 'indexNumber');
  }
}

export class OrganizationChangeError extends BadInputError {
  constructor() {
    super('不能把信息改到其他机关的单位下：索引号属于原机关的编号序列', 'PUBLICATION_ORGANIZATION_CHANGE', 'departmentId');
  }
}

export class TaskLinkMismatchError extends BadInputError {
  constructor(reason: string) {
    super(reason, 'PUBLICATION_LINK_MISMATCH', 'taskId');
  }
}

export class CategoryNameTakenError extends ConflictError {
  constructor(name: string) {
    super(`已有名为“${name}”的目录分类`, 'CATEGORY_NAME_TAKEN', 'name');
  }
}

export class ChannelNameTakenError extends ConflictError {
  constructor(name: string) {
    super(`同一单位下已有名为“${name}”的发布渠道`, 'CHANNEL_NAME_TAKEN', 'name');
  }
}

export class InvalidIndexTemplateError extends BadInputError {
  constructor(problem: string) {
    super(`索引号模板有误：${problem}`, 'INVALID_INDEX_NUMBER_TEMPLATE', 'template');
  }
}

export class InvalidDateRangeError extends BadInputError {
  constructor() {
    super('日期范围有误：起始日期晚于结束日期', 'INVALID_DATE_RANGE', 'from');
  }
}

export class NotAnOrganizationError extends BadInputError {
  constructor(name: string) {
    super(`“${name}”不是机关（根单位），索引号模板按机关设置`, 'NOT_AN_ORGANIZATION', 'organizationId');
  }
}

export class CategoryInUseError extends ConflictError {
  constructor(name: string, uses: string) {
    super(`目录分类“${name}”${uses}，不能删除；请改为停用（停用后不再接受新的信息，已有记录不变）`, 'CATEGORY_IN_USE', 'id');
  }
}

export class CategoryOrderMismatchError extends ConflictError {
  constructor() {
    super('分类列表已变化（有人新增或调整了分类），请刷新后重新排序', 'CATEGORY_ORDER_MISMATCH', 'orderedIds');
  }
}
