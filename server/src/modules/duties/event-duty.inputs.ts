import { IsOptional, IsUrl, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDate } from '../../core/scalars.js';
import { DutyKind } from './duty-enums.js';

@InputType()
export class RegisterDutyInput {
  @Field(() => DutyKind)
  kind!: DutyKind;

  @Field(() => ID)
  departmentId!: string;

  @Field(() => String)
  @Length(1, 300, { message: '标题不能为空，且不超过300字' })
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100, { message: '编号不超过100字' })
  referenceNumber?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200, { message: '不超过200字' })
  party?: string | null;

  @Field(() => LocalDate, { description: 'The event that starts the clock' })
  eventOn!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;
}

@InputType()
export class CompleteDutyInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => LocalDate, { description: '公开/答复之日' })
  completedOn!: string;

  @Field(() => String, { nullable: true, description: 'Link to the disclosed item or the answer' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: '链接须为 http(s) 网址' })
  @MaxLength(2000)
  url?: string | null;
}

@InputType()
export class DutyFilter {
  @Field(() => [DutyKind], { nullable: true })
  kinds?: DutyKind[] | null;

  @Field(() => ID, { nullable: true })
  departmentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: open only; false: completed only' })
  open?: boolean | null;
}
