import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateTime } from '../../core/scalars.js';

@InputType()
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: 'Mutation name, e.g. updateTaskProgress' })
  @IsOptional()
  @MaxLength(100)
  operation?: string | null;

  @Field(() => String, { nullable: true, description: 'Entity type, e.g. Task' })
  @IsOptional()
  @MaxLength(100)
  targetType?: string | null;

  @Field(() => ID, { nullable: true })
  targetId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Entries by this user' })
  actorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Entries about this department and its sub-departments' })
  departmentId?: string | null;

  @Field(() => DateTime, { nullable: true })
  from?: Date | null;

  @Field(() => DateTime, { nullable: true })
  to?: Date | null;
}
