import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumDescriptions } from '../../core/enum-labels.js';
import { DateTime, LocalDate } from '../../core/scalars.js';

export enum CalendarDayKind {
  /** 放假: not worked, even on a weekday. */
  HOLIDAY = 'HOLIDAY',
  /** 调休上班: worked, even on a weekend. */
  WORKDAY = 'WORKDAY',
}
export const CALENDAR_DAY_KIND_LABEL: Readonly<Record<CalendarDayKind, string>> = { HOLIDAY: '放假', WORKDAY: '调休上班' };
registerEnumType(CalendarDayKind, {
  name: 'CalendarDayKind',
  description: 'A date that departs from the Monday–Friday rule. 放假: not worked, even on a weekday. 调休上班: worked, even on a weekend.',
  valuesConfig: enumDescriptions(CalendarDayKind, CALENDAR_DAY_KIND_LABEL),
});

/** A date that departs from the Monday–Friday rule, with the notice that set it. */
@ObjectType({ description: '节假日/调休日' })
@Entity({ tableName: 'calendar_day' })
export class CalendarDay {
  [OptionalProps]?: 'updatedAt';

  @Field(() => LocalDate)
  @PrimaryKey({ type: 'date' })
  date!: string;

  @Field(() => CalendarDayKind)
  @Enum({ items: () => CalendarDayKind, nativeEnumName: 'calendar_day_kind' })
  kind!: CalendarDayKind;

  @Field(() => String, { description: 'e.g. 春节, or the reason of a local/ad-hoc day' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'The notice that set the day (required)' })
  @Property({ type: 'text' })
  source!: string;

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** A year whose 节假日安排 notice has been entered. Years without a row are provisional. */
@ObjectType({ description: '已录入国务院节假日安排通知的年度' })
@Entity({ tableName: 'calendar_year' })
export class CalendarYear {
  [OptionalProps]?: 'enteredAt';

  @Field(() => Int)
  @PrimaryKey({ type: 'integer', autoincrement: false })
  year!: number;

  @Field(() => String)
  @Property({ type: 'text' })
  source!: string;

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() })
  enteredAt: Date = new Date();
}
