/**
 * The graphology algorithms this package uses. They are CommonJS modules whose type declarations
 * say `export default`; under NodeNext TypeScript then types the default import as the module
 * namespace, while Node (and Vitest) hand over `module.exports` itself. This file takes whichever
 * is the function, once, so the rest of the package imports plain typed functions.
 */
import louvainModule from 'graphology-communities-louvain';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import eigenvectorModule from 'graphology-metrics/centrality/eigenvector.js';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';

function callable<T>(module: { readonly default: T } | T): T {
  return typeof module === 'function' ? (module as T) : (module as { readonly default: T }).default;
}

export const louvain = callable(louvainModule);
export const betweennessCentrality = callable(betweennessModule);
export const eigenvectorCentrality = callable(eigenvectorModule);
export const pagerank = callable(pagerankModule);
