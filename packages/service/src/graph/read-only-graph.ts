/**
 * A reader's drawing of the network laid over another (EntityPartsGraph, CrowdedTiesGraph): it
 * answers from the network beneath and its own additions, and takes no writes, which would go to
 * neither.
 */
import { EntityGraph, type EdgeId, type EdgeInput, type NodeId, type NodeInput } from '@mosaic/graph';
import { AppError } from '@mosaic/model';

const readOnly = (): AppError => new AppError('MOSAIC_INTERNAL', 'graph: a reader\'s drawing of the network is read-only');

export abstract class ReadOnlyGraph extends EntityGraph {
  constructor() {
    super({ nodeCapacity: 0, edgeCapacity: 0 });
  }

  override addNode(_node: NodeInput): void {
    throw readOnly();
  }

  override removeNode(_id: NodeId): boolean {
    throw readOnly();
  }

  override addEdge(_edge: EdgeInput): void {
    throw readOnly();
  }

  override removeEdge(_id: EdgeId): boolean {
    throw readOnly();
  }
}
