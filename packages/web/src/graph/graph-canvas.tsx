/**
 * The network drawn with sigma.js over a graphology graph the parent owns. Highlights (path,
 * selection), community colours and centrality sizes are applied by reducers, so the data is
 * never rewritten for display. Every node is also reachable from the keyboard in the list the
 * graph screen shows beside the canvas.
 */
import type Graph from 'graphology';
import { useEffect, useRef } from 'react';
import Sigma from 'sigma';

export interface GraphDisplay {
  readonly selected?: string | undefined;
  readonly highlighted: ReadonlySet<string>;
  readonly hiddenEdgeTypes: ReadonlySet<string>;
  readonly colourOf: (node: string) => string | undefined;
  readonly sizeOf: (node: string) => number | undefined;
  readonly edgeVisible: (attributes: Record<string, unknown>) => boolean;
}

/** Whether a relation is drawn: its type not hidden and the other filters (time, agencies) passed. */
export const edgeShown = (display: GraphDisplay, attributes: Record<string, unknown>): boolean =>
  !display.hiddenEdgeTypes.has(String(attributes['relation'])) && display.edgeVisible(attributes);

export function GraphCanvas({ graph, version, display, onNodeClick }: {
  readonly graph: Graph;
  readonly version: number;
  readonly display: GraphDisplay;
  readonly onNodeClick: (node: string) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const sigma = useRef<Sigma | undefined>(undefined);
  const displayRef = useRef(display);
  displayRef.current = display;
  const clickRef = useRef(onNodeClick);
  clickRef.current = onNodeClick;

  useEffect(() => {
    if (!container.current) return undefined;
    const renderer = new Sigma(graph, container.current, {
      renderEdgeLabels: true,
      labelRenderedSizeThreshold: 4,
      labelFont: 'system-ui, sans-serif',
      labelSize: 12,
      edgeLabelSize: 10,
      defaultEdgeColor: '#a8b3bf',
      nodeReducer: (node, data) => {
        const d = displayRef.current;
        const highlighted = d.highlighted.size === 0 || d.highlighted.has(node);
        return {
          ...data,
          color: highlighted ? d.colourOf(node) ?? data['color'] : '#d5dbe1',
          size: d.sizeOf(node) ?? data['size'],
          highlighted: node === d.selected,
          zIndex: highlighted ? 1 : 0,
        };
      },
      edgeReducer: (edge, data) => {
        const d = displayRef.current;
        const attributes = graph.getEdgeAttributes(edge);
        const hidden = !edgeShown(d, attributes);
        const onPath = d.highlighted.size > 0 && d.highlighted.has(graph.source(edge)) && d.highlighted.has(graph.target(edge));
        return { ...data, hidden, color: onPath ? '#b3261e' : data['color'], size: onPath ? 3 : data['size'] };
      },
    });
    renderer.on('clickNode', ({ node }) => clickRef.current(node));
    container.current.setAttribute('data-graph-ready', 'true');
    sigma.current = renderer;
    return () => {
      renderer.kill();
      sigma.current = undefined;
    };
  }, [graph]);

  useEffect(() => {
    sigma.current?.refresh();
  }, [version, display]);

  // the relations counted are those drawn, so a screen reader hears what the filters left
  const relations = graph.filterEdges((_edge, attributes) => edgeShown(display, attributes)).length;
  return <div ref={container} className="graph-canvas" role="img" aria-label={`Network of ${graph.order} entities and ${relations} relation${relations === 1 ? '' : 's'} shown`} data-nodes={graph.order} />;
}
