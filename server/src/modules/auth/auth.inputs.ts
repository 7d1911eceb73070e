import { NotBlank } from '../../core/validation.js';
import { IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Role } from './role.js';

@InputType()
export class CreateUserInput {
  @Field(() => String, { description: '3–32 letters, digits, . _ -; stored lower-case' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$/, { message: '用户名须为3–32位字母、数字或 . _ -' })
  username!: string;

  @Field(() => String)
  @Length(1, 50, { message: '姓名不能为空，且不超过50字' })
  @NotBlank({ message: '姓名不能为空，且不超过50字' })
  displayName!: string;

  @Field(() => String)
  @MaxLength(128, { message: '密码不超过128位' })
  password!: string;

  @Field(() => Role, { description: 'ADMIN, DEPARTMENT_HEAD or LIAISON' })
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'Required for DEPARTMENT_HEAD and LIAISON' })
  departmentId?: string | null;
}

@InputType()
export class UpdateUserInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 50, { message: '姓名不能为空，且不超过50字' })
  @NotBlank({ message: '姓名不能为空，且不超过50字' })
  displayName?: string | null;

  @Field(() => Role, { nullable: true })
  role?: Role | null;

  @Field(() => ID, { nullable: true })
  departmentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'false signs the user out everywhere and blocks sign-in' })
  isActive?: boolean | null;

  @Field(() => String, { nullable: true, description: 'New password (signs the user out everywhere)' })
  @IsOptional()
  @MaxLength(128, { message: '密码不超过128位' })
  password?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: lift a lock caused by failed logins' })
  unlock?: boolean | null;
}
