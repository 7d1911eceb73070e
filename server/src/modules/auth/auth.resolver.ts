import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { DateTime } from '../../core/scalars.js';
import { Department } from '../departments/department.entity.js';
import { InvalidCredentialsError, UnauthenticatedError } from './auth.errors.js';
import { CreateUserInput, UpdateUserInput } from './auth.inputs.js';
import { AuthService } from './auth.service.js';
import { Role } from './role.js';
import { ScreenToken } from './screen-token.entity.js';
import { redeemScreenLink, ScreenTokenService } from './screen-token.service.js';
import { User } from './user.entity.js';
import { UserService } from './user.service.js';

@ObjectType({ description: 'Tokens of a sign-in' })
export class AuthPayload {
  @Field(() => String, { description: 'Send as `Authorization: Bearer <accessToken>`' })
  accessToken!: string;

  @Field(() => DateTime)
  accessTokenExpiresAt!: Date;

  @Field(() => String, { description: 'Trade for new tokens with refreshSession before it expires; each use returns a new one' })
  refreshToken!: string;

  @Field(() => DateTime)
  refreshTokenExpiresAt!: Date;

  @Field(() => User)
  user!: User;
}

@ObjectType({ description: 'Who is calling' })
export class Me {
  @Field(() => String, { description: 'user or screen' })
  kind!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, { description: 'Username or screen label' })
  name!: string;

  @Field(() => User, { nullable: true })
  user!: User | null;

  @Field(() => Department, { nullable: true, description: 'Own department (department heads, liaisons)' })
  department!: Department | null;

  @Field(() => [ID], { nullable: true, description: 'Departments whose subtrees are in scope; null: all' })
  scopeDepartmentIds!: string[] | null;
}

@ObjectType({ description: 'A new screen token; `token` is shown this once' })
export class CreatedScreenToken {
  @Field(() => ScreenToken)
  screenToken!: ScreenToken;

  @Field(() => String, { description: 'Use as Bearer token or /screen?token=…; stored only as a hash' })
  token!: string;
}

@ObjectType({ description: 'A one-time link for a wall screen; `url` is shown this once' })
export class CreatedScreenLink {
  @Field(() => ScreenToken)
  screenToken!: ScreenToken;

  @Field(() => String, { description: 'Path to open on the screen: /screen#code=… (the code travels in the fragment, never to a server log)' })
  url!: string;

  @Field(() => DateTime, { description: 'Unused after this, the link no longer opens' })
  expiresAt!: Date;
}

@ObjectType({ description: 'The credential a screen keeps after opening a one-time link' })
export class RedeemedScreenLink {
  @Field(() => String, { description: 'Use as Bearer token; read-only, revoked with its screen token' })
  token!: string;

  @Field(() => String)
  label!: string;
}

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'Sign in. Repeated failures slow down and then lock the account for a while.' })
  login(@Ctx() ctx: GraphQLContext, @Arg('username', () => String) username: string, @Arg('password', () => String) password: string): Promise<AuthPayload> {
    return limitFailuresByAddress(ctx, () => {
      if (username.length > 64 || password.length > 256) throw new InvalidCredentialsError();
      return new AuthService(ctx.em, ctx.auth).login(username, password);
    });
  }

  @Mutation(() => AuthPayload, { description: 'Stay signed in: trade a refresh token for new tokens' })
  refreshSession(@Ctx() ctx: GraphQLContext, @Arg('refreshToken', () => String) refreshToken: string): Promise<AuthPayload> {
    return limitFailuresByAddress(ctx, () => new AuthService(ctx.em, ctx.auth).refresh(refreshToken));
  }

  @Mutation(() => Boolean, { description: 'Sign out: ends this session (its access and refresh tokens)' })
  async logout(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    const viewer = viewerOf(ctx);
    const ended = await new AuthService(ctx.em, ctx.auth).logout(viewer);
    // Committed: this session's open WebSockets close too, on every instance (4403).
    if (viewer.kind === 'user' && viewer.sessionId) ctx.realtime?.revoke?.({ sessionIds: [viewer.sessionId] });
    return ended;
  }

  @Mutation(() => Boolean, { description: 'Change your own password; signs you out everywhere' })
  async changeMyPassword(
    @Ctx() ctx: GraphQLContext,
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
  ): Promise<boolean> {
    const viewer = viewerOf(ctx);
    await new AuthService(ctx.em, ctx.auth).changeOwnPassword(viewer, currentPassword, newPassword);
    // Committed: signed out everywhere, so every open WebSocket of the user closes (4403), this one's too.
    ctx.realtime?.revoke?.({ userIds: [viewer.id] });
    return true;
  }

  @Query(() => Me)
  async me(@Ctx() ctx: GraphQLContext): Promise<Me> {
    const viewer = viewerOf(ctx);
    const user = viewer.kind === 'user' ? await ctx.em.findOne(User, { id: viewer.id }) : null;
    const department = viewer.departmentId ? await ctx.em.findOne(Department, { id: viewer.departmentId }) : null;
    const scopeIds = viewer.scope
      ? [...viewer.scope.exactIds, ...viewer.scope.subtreePaths.map((p) => Number(p.split('/').filter(Boolean).at(-1)))].map(String)
      : null;
    return { kind: viewer.kind, role: viewer.role, name: viewer.name, user, department, scopeDepartmentIds: scopeIds };
  }

  @Query(() => [User], { description: 'Accounts (admins: all; department heads: their departments’)' })
  users(@Ctx() ctx: GraphQLContext): Promise<User[]> {
    return new UserService(ctx.em, viewerOf(ctx)).listUsers();
  }

  @Mutation(() => User)
  createUser(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateUserInput) input: CreateUserInput): Promise<User> {
    return new UserService(ctx.em, viewerOf(ctx)).createUser(input);
  }

  @Mutation(() => User, { description: 'Change role, department or password, deactivate, or unlock an account' })
  async updateUser(@Ctx() ctx: GraphQLContext, @Arg('input', () => UpdateUserInput) input: UpdateUserInput): Promise<User> {
    const before = await ctx.em.fork().findOne(User, { id: Number(input.id) || 0 }, { fields: ['role', 'department'] });
    const user = await new UserService(ctx.em, viewerOf(ctx)).updateUser(input);
    // Committed: deactivation or a new password signed the user out; their open WebSockets close (4403).
    if (input.isActive === false || input.password) ctx.realtime?.revoke?.({ userIds: [user.id] });
    // A new role or department: their sockets carry the old scope; they reconnect with the new one (4401).
    else if (before && (before.role !== user.role || (before.department?.id ?? null) !== (user.department?.id ?? null)))
      ctx.realtime?.revoke?.({ rescopedUserIds: [user.id] });
    return user;
  }

  @Query(() => [ScreenToken])
  screenTokens(@Ctx() ctx: GraphQLContext): Promise<ScreenToken[]> {
    return new ScreenTokenService(ctx.em, viewerOf(ctx)).listScreenTokens();
  }

  @Mutation(() => CreatedScreenToken, { description: 'A read-only token for a wall screen; never expires on its own, revoke it to end it' })
  createScreenToken(
    @Ctx() ctx: GraphQLContext,
    @Arg('label', () => String) label: string,
    @Arg('departmentIds', () => [ID], { nullable: true }) departmentIds: string[] | null,
  ): Promise<CreatedScreenToken> {
    return new ScreenTokenService(ctx.em, viewerOf(ctx)).createScreenToken({ label, departmentIds });
  }

  @Mutation(() => CreatedScreenLink, { description: 'A one-time link that opens a wall screen of this token: valid validMinutes (default 30), used once' })
  async createScreenLink(
    @Ctx() ctx: GraphQLContext,
    @Arg('screenTokenId', () => ID) screenTokenId: string,
    @Arg('validMinutes', () => Int, { nullable: true }) validMinutes?: number | null,
  ): Promise<CreatedScreenLink> {
    const { link, code, screenToken } = await new ScreenTokenService(ctx.em, viewerOf(ctx)).createScreenLink({ screenTokenId, validMinutes });
    return { screenToken, url: `/screen#code=${code}`, expiresAt: link.expiresAt };
  }

  @Mutation(() => RedeemedScreenLink, { description: 'A wall screen trades its one-time link code for its own read-only credential (the code is then spent)' })
  async redeemScreenLink(@Ctx() ctx: GraphQLContext, @Arg('code', () => String) code: string): Promise<RedeemedScreenLink> {
    const { token, screenToken } = await limitFailuresByAddress(ctx, () => redeemScreenLink(ctx.em, code));
    return { token, label: screenToken.label };
  }

  @Mutation(() => ScreenToken)
  async revokeScreenToken(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<ScreenToken> {
    const screenToken = await new ScreenTokenService(ctx.em, viewerOf(ctx)).revokeScreenToken(id);
    // Committed: wall screens using it are disconnected on every instance (4403).
    ctx.realtime?.revoke?.({ screenTokenIds: [screenToken.id] });
    return screenToken;
  }
}

@Resolver(() => User)
export class UserFieldResolver {
  @FieldResolver(() => Department, { nullable: true })
  async department(@Root() user: User): Promise<Department | null> {
    return user.department ? ((await user.department.load()) ?? null) : null;
  }
}

@Resolver(() => ScreenToken)
export class ScreenTokenFieldResolver {
  @FieldResolver(() => [Department], { description: 'Departments the screen is limited to (empty: all)' })
  async departments(@Ctx() ctx: GraphQLContext, @Root() token: ScreenToken): Promise<Department[]> {
    return token.departmentIds.length ? ctx.em.find(Department, { id: { $in: token.departmentIds } }) : [];
  }
}

/** Refuses an address over its failure limit; counts a failed sign-in or refresh against it. */
async function limitFailuresByAddress<T>(ctx: GraphQLContext, attempt: () => Promise<T>): Promise<T> {
  ctx.ipLimiter?.assertAllowed(ctx.clientIp);
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof UnauthenticatedError) ctx.ipLimiter?.recordFailure(ctx.clientIp);
    throw error;
  }
}
