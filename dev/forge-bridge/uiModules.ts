// Reads the Custom UI modules of manifest.yml: which resource folder each module serves and its module type
// (which decides the shape of `context.extension`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { contentSecurityPolicy } from './content-security-policy';

export interface UiModule {
  key: string;
  /** Manifest module type, e.g. `bitbucket:repoSettingsMenuPage`. */
  type: string;
  resourceKey: string;
  /** Absolute path of the resource folder (the one holding the built index.html). */
  resourceDir: string;
}

export interface UiManifest {
  appId: string;
  modules: Map<string, UiModule>;
  /** The CSP every page is served with: Forge's strict default plus what `permissions.content` declares. */
  contentSecurityPolicy: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const DEFAULT_APP_ID = '00000000-0000-0000-0000-000000000000';

export function loadUiManifest(appRoot: string): UiManifest {
  const file = path.join(appRoot, 'manifest.yml');
  if (!fs.existsSync(file)) throw new Error(`forge-bridge: no manifest.yml in appRoot '${appRoot}'`);
  const doc: unknown = parse(fs.readFileSync(file, 'utf8'));
  if (!isObj(doc) || !isObj(doc.modules)) throw new Error(`forge-bridge: ${file} has no 'modules' section`);

  const resources = new Map<string, string>();
  for (const r of Array.isArray(doc.resources) ? doc.resources : []) {
    if (isObj(r) && typeof r.key === 'string' && typeof r.path === 'string') {
      resources.set(r.key, path.resolve(appRoot, r.path));
    }
  }

  const modules = new Map<string, UiModule>();
  for (const [type, list] of Object.entries(doc.modules)) {
    for (const m of Array.isArray(list) ? list : []) {
      if (!isObj(m) || typeof m.key !== 'string' || typeof m.resource !== 'string') continue;
      const resourceDir = resources.get(m.resource);
      if (!resourceDir)
        throw new Error(`forge-bridge: module '${m.key}' names unknown resource '${m.resource}'`);
      modules.set(m.key, { key: m.key, type, resourceKey: m.resource, resourceDir });
    }
  }

  const appAri = isObj(doc.app) && typeof doc.app.id === 'string' ? doc.app.id : '';
  return {
    appId: appAri.replace(/^ari:cloud:ecosystem::app\//, '') || DEFAULT_APP_ID,
    modules,
    contentSecurityPolicy: contentSecurityPolicy(doc.permissions),
  };
}
