import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../core/pagination.js';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { Department } from '../departments/department.entity.js';
import { ChannelFilter, CreateCategoryInput, CreateChannelInput, ReorderCategoriesInput, UpdateCategoryInput, UpdateChannelInput } from './catalogue.inputs.js';
import { CatalogueService } from './catalogue.service.js';
import { Category } from './category.entity.js';
import { Channel } from './channel.entity.js';

@ObjectType()
export class ChannelConnection extends ConnectionType(Channel, 'Channel') {}

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], { description: 'The disclosure catalogue, depth-first' })
  categories(
    @Ctx() ctx: GraphQLContext,
    @Arg('includeInactive', () => Boolean, { nullable: true, description: 'Default true' }) includeInactive?: boolean | null,
  ): Promise<Category[]> {
    return new CatalogueService(ctx.em).listCategories({ includeInactive: includeInactive ?? true });
  }

  @Mutation(() => Category)
  createCategory(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateCategoryInput) input: CreateCategoryInput): Promise<Category> {
    return new CatalogueService(ctx.em, viewerOf(ctx)).createCategory(input);
  }

  @Mutation(() => Category, { description: 'Rename, reorder or retire a category (categories never move)' })
  updateCategory(@Ctx() ctx: GraphQLContext, @Arg('input', () => UpdateCategoryInput) input: UpdateCategoryInput): Promise<Category> {
    return new CatalogueService(ctx.em, viewerOf(ctx)).updateCategory(input);
  }

  @Mutation(() => ID, {
    description: 'Delete a category nobody uses; one with items, sub-categories or a quota is CATEGORY_IN_USE (retire it instead). Returns its id',
  })
  deleteCategory(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number): Promise<string> {
    return new CatalogueService(ctx.em, viewerOf(ctx)).deleteCategory(id, version);
  }

  @Mutation(() => [Category], { description: 'Put the sub-categories of one parent (or the top level) in a new order; the list must name every one of them' })
  reorderCategories(@Ctx() ctx: GraphQLContext, @Arg('input', () => ReorderCategoriesInput) input: ReorderCategoriesInput): Promise<Category[]> {
    return new CatalogueService(ctx.em, viewerOf(ctx)).reorderCategories(input);
  }

  @FieldResolver(() => ID, { nullable: true })
  parentId(@Root() category: Category): string | null {
    return category.parent ? String(category.parent.id) : null;
  }

  @FieldResolver(() => Int, { description: '0 for a top-level category' })
  depth(@Root() category: Category): number {
    return category.pathIds.length - 1;
  }
}

@Resolver(() => Channel)
export class ChannelResolver {
  @Query(() => [Channel], { description: '门户网站 columns, 政务新媒体 accounts and the 政府公报' })
  channels(@Ctx() ctx: GraphQLContext, @Arg('filter', () => ChannelFilter, { nullable: true }) filter?: ChannelFilter | null): Promise<Channel[]> {
    return new CatalogueService(ctx.em).listChannels(filter ?? {});
  }

  @Query(() => ChannelConnection, { description: 'Channels a page at a time, in creation order (the back office list)' })
  channelPage(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => ChannelFilter, { nullable: true }) filter: ChannelFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<Connection<Channel>> {
    return new CatalogueService(ctx.em).listChannelPage(filter ?? {}, page);
  }

  @Mutation(() => Channel)
  createChannel(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateChannelInput) input: CreateChannelInput): Promise<Channel> {
    return new CatalogueService(ctx.em, viewerOf(ctx)).createChannel(input);
  }

  @Mutation(() => Channel, {
    description:
      'Rename a channel, change which departments may use it (its owner), or close it (isActive: false) when the account is shut or the column retired',
  })
  updateChannel(@Ctx() ctx: GraphQLContext, @Arg('input', () => UpdateChannelInput) input: UpdateChannelInput): Promise<Channel> {
    return new CatalogueService(ctx.em, viewerOf(ctx)).updateChannel(input);
  }

  @FieldResolver(() => Department, { nullable: true, description: 'Owner: open to it and its sub-departments; null: open to all' })
  async department(@Root() channel: Channel): Promise<Department | null> {
    return channel.department ? channel.department.load() : null;
  }
}
