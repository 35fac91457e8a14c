import { createRequire } from 'node:module';

/**
 * Node's own resolution, from where this code runs (the app's bundle, or the source under ts-jest): the app's webpack
 * build rewrites a literal `require.resolve('pkg/file')` into a module id, which is no path at all.
 */
const nodeRequire = createRequire(__filename);

/** The absolute path of a file inside an installed npm package (a font, a template), e.g. `dejavu-fonts-ttf/ttf/DejaVuSans.ttf`. */
export function packageFile(spec: string): string {
  return nodeRequire.resolve(spec);
}
