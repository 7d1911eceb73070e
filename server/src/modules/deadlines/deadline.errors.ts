import { BadInputError, NotFoundError } from '../../errors.js';

export class DeadlineRuleNotFoundError extends NotFoundError {
  constructor(code: string) {
    super('时限规则', 'DEADLINE_RULE_NOT_FOUND', code);
  }
}

export class InvalidRuleError extends BadInputError {
  constructor(message: string, field: string) {
    super(message, 'INVALID_RULE', field);
  }
}
