import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '../../core/scalars.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentScope } from '../departments/department-kind.js';

@ObjectType({ description: 'A work point as the import would create it' })
export class PlanImportPoint {
  @Field(() => String)
  number!: string;

  @Field(() => String)
  section!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  policyBasis!: string;

  @Field(() => String)
  duties!: string;

  @Field(() => [String])
  dutyItems!: string[];

  @Field(() => [String], { description: '牵头 units as written' })
  leadNames!: string[];

  @Field(() => [DepartmentScope])
  leadScopes!: DepartmentScope[];

  @Field(() => [String], { description: '责任/配合 units as written' })
  responsibleNames!: string[];

  @Field(() => [DepartmentScope])
  responsibleScopes!: DepartmentScope[];

  @Field(() => String, { description: 'The time limit as written' })
  timeLimit!: string;

  @Field(() => LocalDate, { nullable: true })
  dueDate!: string | null;

  @Field(() => String, { nullable: true, description: 'WEEKLY | MONTHLY | QUARTERLY | SEMIANNUAL | YEARLY | PER_EVENT' })
  recurrence!: string | null;

  @Field(() => [LocalDate], { description: 'The due date of each period (每季度 → four quarter ends); empty for a single due date' })
  periodDueDates!: string[];

  @Field(() => Boolean, { description: '持续推进 / 长期坚持 / 常态化: no due date, shown as ongoing' })
  ongoing!: boolean;

  @Field(() => String, { description: 'Where it is in the document: 表1 第4行, 第37行 …' })
  source!: string;
}

@ObjectType({ description: 'A unit name as the document writes it, and the department it was matched to' })
export class PlanImportUnit {
  @Field(() => String)
  name!: string;

  @Field(() => Department, { nullable: true, description: 'null: map it or create it before importing' })
  department!: Department | null;

  @Field(() => String, { nullable: true, description: 'exact | alias | normalized | mapped' })
  how!: string | null;
}

@ObjectType()
export class PlanImportWarning {
  @Field(() => String)
  message!: string;

  @Field(() => String)
  source!: string;
}

@ObjectType()
export class PlanImportTaskCount {
  @Field(() => Department)
  department!: Department;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'What importPlan would create, changing nothing' })
export class PlanImportPreview {
  @Field(() => String)
  title!: string;

  @Field(() => Int, { nullable: true })
  year!: number | null;

  @Field(() => String, { description: 'TABLE | WORK_PLAN | SELF_INSPECTION | LABELLED_LIST | MIXED' })
  layout!: string;

  @Field(() => [PlanImportPoint])
  points!: PlanImportPoint[];

  @Field(() => [PlanImportUnit])
  units!: PlanImportUnit[];

  @Field(() => [String], { description: 'Names no department matched: map or create them' })
  unmappedNames!: string[];

  @Field(() => [PlanImportWarning])
  warnings!: PlanImportWarning[];

  @Field(() => [PlanImportTaskCount], { description: 'Tasks the breakdown would give each department' })
  tasksPerDepartment!: PlanImportTaskCount[];

  @Field(() => ID, { nullable: true, description: 'A plan that already holds every point of this document (importing again is refused)' })
  duplicateOfPlanId!: string | null;
}
