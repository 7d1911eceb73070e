import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '../../core/scalars.js';
import { CellSource, FindingSeverity } from './annual-report-enums.js';

@ObjectType({ description: 'A cell of the annual report: table (table2 | table3 | table4) and the row/column ids of annual-report-spec.json' })
export class AnnualReportCellRef {
  @Field(() => String)
  table!: string;

  @Field(() => String)
  row!: string;

  @Field(() => String)
  column!: string;
}

@ObjectType({ description: 'A figure of the annual report' })
export class AnnualReportCell extends AnnualReportCellRef {
  @Field(() => Float)
  value!: number;
}

@ObjectType({ description: '校核结果：规则、严重程度、说明和涉及的单元格' })
export class AnnualReportFinding {
  @Field(() => String, { description: 'The rule id of annual-report-spec.json (T3-IDENTITY …), TEXT-BREAKDOWN-SUM, or a rule of the stored report' })
  rule!: string;

  @Field(() => FindingSeverity)
  severity!: FindingSeverity;

  @Field(() => String)
  message!: string;

  @Field(() => [AnnualReportCellRef])
  cells!: AnnualReportCellRef[];
}

@ObjectType({ description: 'A published annual report read from its text: the figures found and what the checks say' })
export class AnnualReportReading {
  @Field(() => Int, { nullable: true })
  year!: number | null;

  @Field(() => String, { nullable: true })
  organizationName!: string | null;

  @Field(() => [AnnualReportCell])
  cells!: AnnualReportCell[];

  @Field(() => [AnnualReportFinding])
  findings!: AnnualReportFinding[];

  @Field(() => [String], { description: 'Lines or cells that could not be read (with their line number)' })
  unreadable!: string[];
}

@ObjectType({ description: 'One report of a bulk check' })
export class AnnualReportBulkRow {
  @Field(() => Int, { description: 'Position in the list sent' })
  index!: number;

  @Field(() => String, { nullable: true, description: 'The name given with the text (e.g. its file name)' })
  label!: string | null;

  @Field(() => AnnualReportReading)
  reading!: AnnualReportReading;

  @Field(() => Int)
  errorCount!: number;

  @Field(() => Int)
  warningCount!: number;
}

@ObjectType({ description: 'A figure of a stored report with its source' })
export class AnnualReportFigure extends AnnualReportCell {
  @Field(() => CellSource)
  source!: CellSource;

  @Field(() => String, { description: 'The register, the yearly entry’s source, or the reason it was entered' })
  note!: string;

  @Field(() => Float, { nullable: true, description: 'For an entered figure: what the registers count' })
  registerValue!: number | null;
}

@ObjectType({ description: 'The narrative parts with the live fields printed' })
export class AnnualReportText {
  @Field(() => String)
  preamble!: string;

  @Field(() => String)
  overview!: string;

  @Field(() => String)
  proactiveText!: string;

  @Field(() => String)
  problems!: string;

  @Field(() => String)
  otherMatters!: string;
}

@ObjectType({ description: 'A live field the narrative may use: {{name}}' })
export class LiveField {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => Float)
  value!: number;
}

@ObjectType({ description: 'A register entry counted in a figure' })
export class AnnualReportCellEntry {
  @Field(() => String, { description: 'APPLICATION | LEGAL_CASE | NORMATIVE_DOCUMENT | PENALTY' })
  kind!: string;

  @Field(() => ID)
  id!: string;

  @Field(() => String)
  reference!: string;

  @Field(() => String)
  title!: string;

  @Field(() => LocalDate)
  date!: string;

  @Field(() => String)
  departmentName!: string;
}

@ObjectType()
export class AnnualReportCellEntries {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => [AnnualReportCellEntry])
  entries!: AnnualReportCellEntry[];

  @Field(() => String, { description: 'Where the figure comes from when no register lists it' })
  note!: string;
}
