import { ValidateBy, type ValidationError, type ValidationOptions } from 'class-validator';

/**
 * Text that must say something: blank after trimming (spaces, full-width spaces, line breaks) is
 * missing. class-validator's @Length counts "   " as three characters; put this beside it.
 * Arrays are checked element by element with `{ each: true }`.
 */
export function NotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notBlank',
      validator: {
        validate: (value: unknown) => value == null || (typeof value === 'string' && value.trim().length > 0),
        defaultMessage: () => '不能为空（仅有空格视为未填写）',
      },
    },
    options,
  );
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Flattens class-validator errors of nested inputs into `input.title: message` pairs. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}
