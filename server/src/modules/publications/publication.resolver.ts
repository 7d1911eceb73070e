import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../core/pagination.js';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { Department } from '../departments/department.entity.js';
import { WorkPoint } from '../plans/work-point.entity.js';
import { Task } from '../tasks/task.entity.js';
import { Category } from './category.entity.js';
import { Channel } from './channel.entity.js';
import { Publication } from './publication.entity.js';
import { PublicationFilter, RecordPublicationInput, UpdatePublicationInput } from './publication.inputs.js';
import { PublicationService } from './publication.service.js';

@ObjectType()
export class PublicationConnection extends ConnectionType(Publication, 'Publication') {}

@Resolver(() => Publication)
export class PublicationResolver {
  @Query(() => PublicationConnection, { description: '信息发布台账, newest recorded first' })
  async publications(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => PublicationFilter, { nullable: true }) filter: PublicationFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<Connection<Publication>> {
    return new PublicationService(ctx.em, viewerOf(ctx)).listPublications(filter ?? {}, page);
  }

  @Query(() => Publication, { nullable: true })
  publication(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<Publication | null> {
    return new PublicationService(ctx.em, viewerOf(ctx)).findPublication(id);
  }

  @Mutation(() => Publication, { description: 'Record a published item: it gets its 索引号 and counts towards the quota at once' })
  recordPublication(@Ctx() ctx: GraphQLContext, @Arg('input', () => RecordPublicationInput) input: RecordPublicationInput): Promise<Publication> {
    return new PublicationService(ctx.em, viewerOf(ctx)).recordPublication(input);
  }

  @Mutation(() => Publication, { description: 'Correct a recorded item (optimistic locking: send the version you read); its 索引号 never changes' })
  updatePublication(@Ctx() ctx: GraphQLContext, @Arg('input', () => UpdatePublicationInput) input: UpdatePublicationInput): Promise<Publication> {
    return new PublicationService(ctx.em, viewerOf(ctx)).updatePublication(input);
  }

  @Mutation(() => ID, { description: 'Delete an item recorded by mistake; returns its id' })
  deletePublication(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number): Promise<string> {
    return new PublicationService(ctx.em, viewerOf(ctx)).deletePublication(id, version);
  }

  @FieldResolver(() => Department, { description: '发布单位' })
  async department(@Root() publication: Publication): Promise<Department> {
    return (await publication.department.load())!;
  }

  @FieldResolver(() => Category)
  async category(@Root() publication: Publication): Promise<Category> {
    return (await publication.category.load())!;
  }

  @FieldResolver(() => Channel)
  async channel(@Root() publication: Publication): Promise<Channel> {
    return (await publication.channel.load())!;
  }

  @FieldResolver(() => WorkPoint, { nullable: true })
  async workPoint(@Root() publication: Publication): Promise<WorkPoint | null> {
    return publication.workPoint ? publication.workPoint.load() : null;
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description: 'An earlier record of the same page (found when addresses began to be compared canonically); resolve by deleting one',
  })
  duplicateOfId(@Root() publication: Publication): string | null {
    return publication.duplicateOf ? String(publication.duplicateOf.id) : null;
  }

  @FieldResolver(() => Task, { nullable: true })
  async task(@Root() publication: Publication): Promise<Task | null> {
    return publication.task ? publication.task.load() : null;
  }
}
