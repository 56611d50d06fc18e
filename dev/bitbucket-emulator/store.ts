/** In-memory state of the emulated Bitbucket: accounts, repositories and everything written through the API. */
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { GitRepository } from './git';
import { Projects, type NewProject } from './projects';
import type {
  EmulatorProject,
  EmulatorPullRequest,
  EmulatorRepository,
  EmulatorUser,
  NewUser,
  EmulatorWorkspace,
  JsonObject,
  RepositoryPermission,
  WorkspaceRole,
} from './types';

export interface StoredRepository extends EmulatorRepository {
  git: GitRepository;
}

export interface StoredComment {
  id: number;
  prId: number;
  user: EmulatorUser;
  raw: string;
  inline: JsonObject | undefined;
  parentId: number | undefined;
  deleted: boolean;
  createdOn: string;
  updatedOn: string;
  /** Set by POST …/comments/{id}/resolve (top-level inline comments only), cleared by DELETE …/resolve. */
  resolution?: { user: EmulatorUser; createdOn: string };
}

export interface StoredReport {
  uuid: string;
  externalId: string;
  fields: JsonObject;
  createdOn: string;
  updatedOn: string;
  /** Keyed by external_id (or uuid when the creator gave none); insertion order is listing order. */
  annotations: Map<string, StoredAnnotation>;
}

export interface StoredAnnotation {
  uuid: string;
  externalId: string | undefined;
  fields: JsonObject;
  createdOn: string;
  updatedOn: string;
}

export interface StoredStatus {
  uuid: string;
  key: string;
  fields: JsonObject;
  createdOn: string;
  updatedOn: string;
}

export const braced = (uuid: string): string => (uuid.startsWith('{') ? uuid : `{${uuid}}`);

/** Bitbucket timestamps carry microseconds and an explicit offset: 2024-01-01T00:00:00.123000+00:00. */
let lastTimestamp = 0;
export function timestamp(): string {
  // Strictly increasing, so "oldest first" and sort=created_on agree with creation order even within a millisecond.
  lastTimestamp = Math.max(Date.now(), lastTimestamp + 1);
  return new Date(lastTimestamp).toISOString().replace('Z', '000+00:00');
}

export class Store {
  readonly users = new Map<string, EmulatorUser>(); // by token
  readonly workspaces: EmulatorWorkspace[] = [];
  readonly repositories: StoredRepository[] = [];
  readonly pullRequests = new Map<string, EmulatorPullRequest>(); // `${repoUuid}#${id}`
  readonly comments = new Map<string, StoredComment[]>(); // `${repoUuid}#${prId}`
  readonly reports = new Map<string, StoredReport[]>(); // `${repoUuid}@${commit}`
  readonly statuses = new Map<string, StoredStatus[]>(); // `${repoUuid}@${commit}`
  /** Explicit repository permissions, `${repoUuid}#${userUuid}` → permission (access.ts reads them). */
  readonly repositoryGrants = new Map<string, Exclude<RepositoryPermission, 'none'>>();
  /** Workspace memberships, `${workspaceUuid}#${userUuid}` → role. */
  readonly workspaceRoles = new Map<string, WorkspaceRole>();
  /** Projects and their explicit user permissions (projects.ts). */
  readonly projects = new Projects((uuid) => braced(uuid ?? randomUUID()));
  private nextCommentId = 500_000_001;
  private readonly nextPrId = new Map<string, number>();

  addUser(u: NewUser): EmulatorUser {
    if (!u.displayName) throw new Error('addUser: displayName is required');
    const user: EmulatorUser = {
      uuid: braced(u.uuid ?? randomUUID()),
      accountId: u.accountId ?? `557058:${randomUUID()}`,
      displayName: u.displayName,
      nickname: u.nickname ?? u.displayName,
      token: u.token ?? `bbemu_${randomBytes(18).toString('base64url')}`,
      app: u.app ?? false,
      ...(u.installedIn ? { installedIn: u.installedIn.map((w) => w.toLowerCase()) } : {}),
    };
    if (this.users.has(user.token)) throw new Error(`addUser: token already belongs to another user`);
    this.users.set(user.token, user);
    return user;
  }

  addWorkspace(w: { slug: string; uuid?: string; name?: string }): EmulatorWorkspace {
    if (!/^[a-z0-9_.-]+$/i.test(w.slug)) throw new Error(`addWorkspace: invalid workspace slug "${w.slug}"`);
    if (this.findWorkspace(w.slug)) throw new Error(`addWorkspace: workspace "${w.slug}" already exists`);
    const workspace = { slug: w.slug, uuid: braced(w.uuid ?? randomUUID()), name: w.name ?? w.slug };
    this.workspaces.push(workspace);
    return workspace;
  }

  addProject(p: NewProject & { workspace: string }): EmulatorProject {
    const workspace = this.findWorkspace(p.workspace);
    if (!workspace)
      throw new Error(`addProject: unknown workspace "${p.workspace}"; call addWorkspace first`);
    return this.projects.add(workspace, p);
  }

  findProject(workspace: string, keyOrUuid: string): EmulatorProject | undefined {
    const ws = this.findWorkspace(workspace);
    return ws && this.projects.find(ws, keyOrUuid);
  }

  addRepository(r: {
    workspace: string;
    slug: string;
    uuid?: string;
    gitDir: string;
    mainBranch?: string;
    isPrivate?: boolean;
    forkOf?: { workspace: string; slug: string };
    project?: string;
  }): StoredRepository {
    const workspace = this.findWorkspace(r.workspace);
    if (!workspace)
      throw new Error(`addRepository: unknown workspace "${r.workspace}"; call addWorkspace first`);
    if (!/^[a-z0-9_.-]+$/i.test(r.slug))
      throw new Error(`addRepository: invalid repository slug "${r.slug}"`);
    if (this.findRepository(r.workspace, r.slug))
      throw new Error(`addRepository: ${r.workspace}/${r.slug} already exists`);
    const parent = r.forkOf && this.findRepository(r.forkOf.workspace, r.forkOf.slug);
    if (r.forkOf && !parent)
      throw new Error(
        `addRepository: forkOf names ${r.forkOf.workspace}/${r.forkOf.slug}, which does not exist`,
      );
    const git = new GitRepository(r.gitDir);
    const mainBranch = r.mainBranch ?? 'main';
    try {
      git.resolveSync(mainBranch);
    } catch {
      git.close();
      throw new Error(`addRepository: ${r.gitDir} is not a git repository with a branch "${mainBranch}"`);
    }
    const isPrivate = r.isPrivate ?? false;
    let project: EmulatorProject;
    try {
      project = this.projects.forNewRepository(workspace, { slug: r.slug, isPrivate, project: r.project });
    } catch (error) {
      git.close();
      throw error;
    }
    const repository: StoredRepository = {
      workspace,
      project,
      slug: r.slug,
      uuid: braced(r.uuid ?? randomUUID()),
      gitDir: r.gitDir,
      mainBranch,
      fullName: `${workspace.slug}/${r.slug}`,
      isPrivate,
      ...(parent ? { forkOf: parent.uuid } : {}),
      git,
    };
    this.repositories.push(repository);
    return repository;
  }

  /** Deleted repositories answer nothing, but the pull requests they were the source of still name them. */
  private readonly deletedRepositories: StoredRepository[] = [];

  deleteRepository(repository: StoredRepository): void {
    const at = this.repositories.indexOf(repository);
    if (at < 0) throw new Error(`deleteRepository: ${repository.fullName} does not exist`);
    this.repositories.splice(at, 1);
    this.deletedRepositories.push(repository);
    repository.git.close();
  }

  isDeleted(repository: StoredRepository): boolean {
    return this.deletedRepositories.includes(repository);
  }

  /** The repository a pull request's source branch lives in: the destination itself, or a fork (maybe deleted). */
  sourceOf(destination: StoredRepository, pr: EmulatorPullRequest): StoredRepository {
    const uuid = pr.sourceRepository?.uuid;
    if (!uuid) return destination;
    const source = [...this.repositories, ...this.deletedRepositories].find((r) => r.uuid === uuid);
    if (!source) throw new Error(`pull request #${pr.id} names an unknown source repository ${uuid}`);
    return source;
  }

  /** Whether two repositories belong to one fork network (one is forked, directly or not, from the other's root). */
  sameNetwork(a: StoredRepository, b: StoredRepository): boolean {
    const root = (r: StoredRepository): string => {
      let current = r;
      for (let hops = 0; current.forkOf && hops < 100; hops++) {
        const parent = [...this.repositories, ...this.deletedRepositories].find(
          (p) => p.uuid === current.forkOf,
        );
        if (!parent) break;
        current = parent;
      }
      return current.uuid;
    };
    return root(a) === root(b);
  }

  private readonly networkGits = new Map<string, GitRepository>();

  /**
   * Git over `repository` that can also read the objects of `others` (same fork network): how a diff between a
   * fork's head and its destination's branch is computed, without merging the repositories' own object stores.
   */
  gitAcross(repository: StoredRepository, others: readonly StoredRepository[]): GitRepository {
    const extra = [...new Set(others.filter((o) => o !== repository).map((o) => o.gitDir))];
    if (extra.length === 0) return repository.git;
    const key = [repository.gitDir, ...extra].join('\0');
    let git = this.networkGits.get(key);
    if (!git) {
      git = new GitRepository(
        repository.gitDir,
        extra.map((dir) => path.join(dir, 'objects')),
      );
      this.networkGits.set(key, git);
    }
    return git;
  }

  grantRepositoryPermission(
    repository: StoredRepository,
    user: EmulatorUser,
    permission: RepositoryPermission,
  ): void {
    const key = `${repository.uuid}#${user.uuid}`;
    if (permission === 'none') this.repositoryGrants.delete(key);
    else this.repositoryGrants.set(key, permission);
  }

  setWorkspaceRole(workspace: EmulatorWorkspace, user: EmulatorUser, role: WorkspaceRole | 'none'): void {
    const key = `${workspace.uuid}#${user.uuid}`;
    if (role === 'none') this.workspaceRoles.delete(key);
    else this.workspaceRoles.set(key, role);
  }

  findWorkspace(slugOrUuid: string): EmulatorWorkspace | undefined {
    const key = slugOrUuid.toLowerCase();
    return this.workspaces.find((w) => w.slug.toLowerCase() === key || w.uuid.toLowerCase() === key);
  }

  findRepository(workspace: string, slugOrUuid: string): StoredRepository | undefined {
    const ws = this.findWorkspace(workspace);
    const key = slugOrUuid.toLowerCase();
    return this.repositories.find(
      (r) => r.workspace === ws && (r.slug.toLowerCase() === key || r.uuid.toLowerCase() === key),
    );
  }

  createPullRequest(
    repository: StoredRepository,
    p: {
      title: string;
      sourceBranch: string;
      destinationBranch: string;
      author: EmulatorUser;
      description?: string;
      draft?: boolean;
    },
    /** The fork the source branch lives in; the destination `repository` when absent. */
    source: StoredRepository = repository,
  ): EmulatorPullRequest {
    if (!this.sameNetwork(source, repository))
      throw new Error(
        `createPullRequest: ${source.fullName} is not a fork of ${repository.fullName} (nor of a common parent)`,
      );
    const resolve = (branch: string, from: StoredRepository): string => {
      try {
        return from.git.resolveSync(branch);
      } catch {
        throw new Error(`createPullRequest: branch "${branch}" does not exist in ${from.fullName}`);
      }
    };
    const sourceCommit = resolve(p.sourceBranch, source);
    const destinationCommit = resolve(p.destinationBranch, repository);
    const id = this.nextPrId.get(repository.uuid) ?? 1;
    this.nextPrId.set(repository.uuid, id + 1);
    const now = timestamp();
    const pr: EmulatorPullRequest = {
      id,
      workspace: repository.workspace.slug,
      repo: repository.slug,
      title: p.title,
      description: p.description ?? '',
      sourceBranch: p.sourceBranch,
      destinationBranch: p.destinationBranch,
      author: p.author,
      state: 'OPEN',
      draft: p.draft ?? false,
      sourceCommit,
      destinationCommit,
      sourceShortHash: sourceCommit.slice(0, 12),
      destinationShortHash: destinationCommit.slice(0, 12),
      ...(source !== repository
        ? { sourceRepository: { workspace: source.workspace.slug, slug: source.slug, uuid: source.uuid } }
        : {}),
      createdOn: now,
      updatedOn: now,
    };
    this.pullRequests.set(`${repository.uuid}#${id}`, pr);
    return pr;
  }

  pullRequestsOf(repository: StoredRepository): EmulatorPullRequest[] {
    return [...this.pullRequests.entries()]
      .filter(([key]) => key.startsWith(`${repository.uuid}#`))
      .map(([, pr]) => pr);
  }

  findPullRequest(repository: StoredRepository, id: number): EmulatorPullRequest | undefined {
    return this.pullRequests.get(`${repository.uuid}#${id}`);
  }

  commentsOf(repository: StoredRepository, prId: number): StoredComment[] {
    const key = `${repository.uuid}#${prId}`;
    let list = this.comments.get(key);
    if (!list) this.comments.set(key, (list = []));
    return list;
  }

  allocateCommentId(): number {
    return this.nextCommentId++;
  }

  reportsOf(repository: StoredRepository, commit: string): StoredReport[] {
    const key = `${repository.uuid}@${commit}`;
    let list = this.reports.get(key);
    if (!list) this.reports.set(key, (list = []));
    return list;
  }

  statusesOf(repository: StoredRepository, commit: string): StoredStatus[] {
    const key = `${repository.uuid}@${commit}`;
    let list = this.statuses.get(key);
    if (!list) this.statuses.set(key, (list = []));
    return list;
  }

  close(): void {
    for (const repository of this.repositories) repository.git.close();
    for (const git of this.networkGits.values()) git.close();
  }
}
