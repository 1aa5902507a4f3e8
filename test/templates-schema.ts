/**
 * Schema checks for the CI files we ship: the GitLab component and pipeline examples against GitLab's own CI schema,
 * the GitHub workflow examples against SchemaStore's workflow schema (both draft-07 copies in test/contract/).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';

// ajv-formats is CommonJS: seen from ESM, the plugin is the module itself at run time (under jest) or its `default`.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const formatsModule = ajvFormats as unknown as FormatsPlugin & { default?: FormatsPlugin };
const addFormats: FormatsPlugin = typeof formatsModule.default === 'function' ? formatsModule.default : formatsModule;

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

function loadValidator(schemaFile: string): ValidateFunction {
  const schema = JSON.parse(readFileSync(`${ROOT}test/contract/${schemaFile}`, 'utf8')) as object;
  // strict: false — the schemas use annotations (markdownDescription, …) that ajv's strict mode does not know.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

let gitlab: ValidateFunction | undefined;
let github: ValidateFunction | undefined;

function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Errors of a GitLab CI document (a whole `.gitlab-ci.yml`, a component's `spec` header or its body). */
export function gitlabCiErrors(document: unknown): string[] {
  gitlab ??= loadValidator('gitlab-ci.schema.json');
  return gitlab(document) ? [] : describeErrors(gitlab.errors);
}

export function githubWorkflowErrors(document: unknown): string[] {
  github ??= loadValidator('github-workflow.schema.json');
  return github(document) ? [] : describeErrors(github.errors);
}

/** Every YAML document of a file; throws on any YAML error or warning. */
export function readYamlDocuments(relativePath: string): unknown[] {
  const text = readFileSync(`${ROOT}${relativePath}`, 'utf8');
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) throw new Error(`${relativePath}: no YAML document`);
  return documents.map((document) => {
    const problems = [...document.errors, ...document.warnings];
    if (problems.length > 0) throw new Error(`${relativePath}: ${problems.map((p) => p.message).join('; ')}`);
    return document.toJS() as unknown;
  });
}
