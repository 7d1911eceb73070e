import { NotBlank } from '../../core/validation.js';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { LocalDate } from '../../core/scalars.js';
import { CalendarDayKind } from './calendar.entity.js';

@InputType()
export class CalendarDayInput {
  @Field(() => LocalDate)
  date!: string;

  @Field(() => CalendarDayKind)
  kind!: CalendarDayKind;

  @Field(() => String, { description: 'e.g. 春节, or the local/ad-hoc reason' })
  @Length(1, 100, { message: '名称不能为空，且不超过100字' })
  @NotBlank({ message: '名称不能为空，且不超过100字' })
  name!: string;
}

@InputType({ description: 'A year’s 节假日安排 notice (year given: replaces that year), or single local/ad-hoc days (no year)' })
export class SetCalendarDaysInput {
  @Field(() => Int, { nullable: true, description: 'The notice’s year: its days replace every entry of that year, and the year stops being provisional' })
  @IsOptional()
  @IsInt()
  @Min(2000, { message: '年度须在2000年至次年之间' })
  @Max(2100, { message: '年度须在2000年至次年之间' })
  year?: number | null;

  @Field(() => String, { description: 'The notice that sets the days, e.g. 国办发明电〔2026〕X号 (required)' })
  @Length(1, 300, { message: '须注明依据的通知（如：国务院办公厅关于2027年部分节假日安排的通知）' })
  @NotBlank({ message: '须注明依据的通知（如：国务院办公厅关于2027年部分节假日安排的通知）' })
  source!: string;

  @Field(() => [CalendarDayInput])
  @ArrayMinSize(1, { message: '至少一天' })
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  days!: CalendarDayInput[];
}
