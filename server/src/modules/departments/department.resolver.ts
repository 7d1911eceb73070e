import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { Department } from './department.entity.js';
import { CreateDepartmentInput, DepartmentFilter, UpdateDepartmentInput } from './department.inputs.js';
import { DepartmentService } from './department.service.js';

@Resolver(() => Department)
export class DepartmentResolver {
  @Query(() => [Department], { description: 'The organisation tree, depth-first' })
  departments(@Ctx() ctx: GraphQLContext, @Arg('filter', () => DepartmentFilter, { nullable: true }) filter?: DepartmentFilter): Promise<Department[]> {
    return new DepartmentService(ctx.em).listDepartments(filter ?? {});
  }

  @Query(() => Department, { nullable: true })
  department(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<Department | null> {
    return new DepartmentService(ctx.em).findDepartment(id);
  }

  @Mutation(() => Department)
  createDepartment(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateDepartmentInput) input: CreateDepartmentInput): Promise<Department> {
    return new DepartmentService(ctx.em, viewerOf(ctx)).createDepartment(input);
  }

  @Mutation(() => Department, { description: 'Rename, re-kind or move a department (never under itself or its descendants)' })
  updateDepartment(@Ctx() ctx: GraphQLContext, @Arg('input', () => UpdateDepartmentInput) input: UpdateDepartmentInput): Promise<Department> {
    return new DepartmentService(ctx.em, viewerOf(ctx)).updateDepartment(input);
  }

  @FieldResolver(() => Department, { nullable: true })
  async parent(@Root() department: Department): Promise<Department | null> {
    return department.parent ? department.parent.load() : null;
  }

  @FieldResolver(() => [Department])
  async children(@Root() department: Department): Promise<Department[]> {
    const children = await department.children.load();
    return children.getItems().sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  }
}
