import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { Department } from '../departments/department.entity.js';
import { ChannelFilter, CreateCategoryInput, CreateChannelInput, UpdateCategoryInput, UpdateChannelInput } from './catalogue.inputs.js';
import { CatalogueService } from './catalogue.service.js';
import { Category } from './category.entity.js';
import { Channel } from './channel.entity.js';

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

  @Mutation(() => Channel)
  createChannel(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateChannelInput) input: CreateChannelInput): Promise<Channel> {
    return new CatalogueService(ctx.em, viewerOf(ctx)).createChannel(input);
  }

  @Mutation(() => Channel, { description: 'Rename a channel, or close it (isActive: false) when the account is shut or the column retired' })
  updateChannel(@Ctx() ctx: GraphQLContext, @Arg('input', () => UpdateChannelInput) input: UpdateChannelInput): Promise<Channel> {
    return new CatalogueService(ctx.em, viewerOf(ctx)).updateChannel(input);
  }

  @FieldResolver(() => Department, { nullable: true, description: 'Owner: open to it and its sub-departments; null: open to all' })
  async department(@Root() channel: Channel): Promise<Department | null> {
    return channel.department ? channel.department.load() : null;
  }
}
