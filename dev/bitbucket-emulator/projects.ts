/**
 * Projects of the emulated workspaces and their explicit user permissions. Every repository belongs to exactly one
 * project, as on Bitbucket ("The project must be assigned for all repositories. If the project is not provided, the
 * repository is automatically assigned to the oldest project in the workspace": POST
 * /repositories/{workspace}/{repo_slug} in the OpenAPI document).
 */
import type { EmulatorProject, EmulatorUser, EmulatorWorkspace, ProjectPermission } from './types';

/** Bitbucket's rule for keys: ASCII letters, digits and underscores, starting with a letter. */
const PROJECT_KEY = /^[A-Za-z][A-Za-z0-9_]*$/;

/** What a workspace without projects gets when its first repository names none (the emulator's choice of names). */
export const DEFAULT_PROJECT = { key: 'PROJ', name: 'Untitled project' } as const;

export type ProjectGrant = { user: EmulatorUser; permission: Exclude<ProjectPermission, 'none'> };

export interface NewProject {
  key: string;
  uuid?: string;
  name?: string;
  isPrivate?: boolean;
}

export class Projects {
  /** In creation order, so "the oldest project of a workspace" is the first of it here. */
  readonly all: EmulatorProject[] = [];
  /** `${projectUuid}#${userUuid}` → the explicit grant, in grant order (the order permissions-config lists). */
  private readonly grants = new Map<string, ProjectGrant>();

  /** `uuidOf` brace-wraps a given UUID or makes a new one, as the store does for every object. */
  constructor(private readonly uuidOf: (uuid?: string) => string) {}

  add(workspace: EmulatorWorkspace, p: NewProject): EmulatorProject {
    if (!PROJECT_KEY.test(p.key))
      throw new Error(
        `addProject: invalid project key "${p.key}" (letters, digits and underscores, starting with a letter)`,
      );
    const taken = this.all.find(
      (existing) => existing.workspace === workspace && existing.key.toLowerCase() === p.key.toLowerCase(),
    );
    if (taken) throw new Error(`addProject: ${workspace.slug} already has a project with key "${taken.key}"`);
    const project: EmulatorProject = {
      workspace,
      key: p.key,
      uuid: this.uuidOf(p.uuid),
      name: p.name ?? p.key,
      isPrivate: p.isPrivate ?? false,
    };
    if (this.all.some((existing) => existing.uuid.toLowerCase() === project.uuid.toLowerCase()))
      throw new Error(`addProject: a project with uuid ${project.uuid} already exists`);
    this.all.push(project);
    return project;
  }

  /** A project by its key (exactly as created) or its brace-wrapped UUID, as `{project_key}` paths address it. */
  find(workspace: EmulatorWorkspace, keyOrUuid: string): EmulatorProject | undefined {
    const uuid = keyOrUuid.toLowerCase();
    return this.all.find(
      (p) => p.workspace === workspace && (p.key === keyOrUuid || p.uuid.toLowerCase() === uuid),
    );
  }

  /**
   * The project a new repository goes into: the named one, else the workspace's oldest, else a new default
   * project. A public repository cannot go into a private project (Bitbucket: "private projects cannot contain
   * public repositories"). Nothing is created when it throws.
   */
  forNewRepository(
    workspace: EmulatorWorkspace,
    repository: { slug: string; isPrivate: boolean; project?: string },
  ): EmulatorProject {
    const named = repository.project;
    const project =
      named !== undefined ? this.find(workspace, named) : this.all.find((p) => p.workspace === workspace);
    if (named !== undefined && !project)
      throw new Error(`addRepository: ${workspace.slug} has no project "${named}"; call addProject first`);
    if (project?.isPrivate && !repository.isPrivate)
      throw new Error(
        `addRepository: ${workspace.slug}/${repository.slug} is public but project ${project.key} is private, ` +
          'and private projects cannot contain public repositories; pass isPrivate: true',
      );
    return project ?? this.add(workspace, DEFAULT_PROJECT);
  }

  grant(project: EmulatorProject, user: EmulatorUser, permission: ProjectPermission): void {
    const key = `${project.uuid}#${user.uuid}`;
    if (permission === 'none') this.grants.delete(key);
    else this.grants.set(key, { user, permission });
  }

  grantOf(project: EmulatorProject, user: EmulatorUser): ProjectGrant['permission'] | undefined {
    return this.grants.get(`${project.uuid}#${user.uuid}`)?.permission;
  }

  /** Whether the user holds an explicit permission on any project of the workspace. */
  hasGrantIn(workspace: EmulatorWorkspace, user: EmulatorUser): boolean {
    return this.all.some((p) => p.workspace === workspace && this.grantOf(p, user) !== undefined);
  }

  /** The project's explicit user permissions, in grant order. */
  explicitGrants(project: EmulatorProject): ProjectGrant[] {
    return [...this.grants.entries()]
      .filter(([key]) => key.startsWith(`${project.uuid}#`))
      .map(([, grant]) => grant);
  }
}
