import { BadInputError, ConflictError, NotFoundError } from '../../errors.js';

export class InformationRequestNotFoundError extends NotFoundError {
  constructor(id: string | number) {
    super('政府信息公开申请', 'INFORMATION_REQUEST_NOT_FOUND', id);
  }
}

export class RequestLifecycleError extends ConflictError {}

export class RequestDateError extends BadInputError {}
