/**
 * A lease on one well-known blob, the way Azure Functions elects the one instance that runs a timer
 * trigger: whoever holds the lease is the sweeper. Azure lets a lease last 15 to 60 seconds; a holder
 * that dies without releasing it loses it when it expires, and a standby acquires it then.
 */
import { DefaultAzureCredential } from '@azure/identity';
import {
  type BlobLeaseClient,
  BlobServiceClient,
  type BlockBlobClient,
  type ContainerClient,
  RestError,
} from '@azure/storage-blob';

/** The container the Bicep creates for leases; the app creates it too when it is missing (Azurite). */
export const LEASE_CONTAINER = 'action-tracker-locks';

/** A connection string (Azurite, or a key-based account) or a blob endpoint used with Entra ID. */
export type BlobTarget = { connectionString: string } | { blobUrl: string };

/**
 * One call must finish well inside the lease period, or a holder could believe in a lease that has
 * already run out: two quick tries of at most 4 seconds each.
 */
const CLIENT_OPTIONS = {
  retryOptions: { maxTries: 2, tryTimeoutInMs: 4_000, retryDelayInMs: 200, maxRetryDelayInMs: 500 },
} as const;

export interface LeaseOptions {
  /** The blob, inside LEASE_CONTAINER; deployments sharing an account each have their own. */
  blobName: string;
  /** This instance's lease id: acquiring again with it while the lease is still ours succeeds. */
  leaseId: string;
  /** 15 to 60, as Azure allows. */
  durationSeconds: number;
}

export class BlobLease {
  readonly durationSeconds: number;
  private readonly container: ContainerClient;
  private readonly blob: BlockBlobClient;
  private readonly lease: BlobLeaseClient;

  constructor(target: BlobTarget, options: LeaseOptions) {
    if (options.durationSeconds < 15 || options.durationSeconds > 60)
      throw new RangeError('a blob lease lasts 15 to 60 seconds');
    this.durationSeconds = options.durationSeconds;
    const service =
      'connectionString' in target
        ? BlobServiceClient.fromConnectionString(target.connectionString, CLIENT_OPTIONS)
        : new BlobServiceClient(target.blobUrl, new DefaultAzureCredential(), CLIENT_OPTIONS);
    this.container = service.getContainerClient(LEASE_CONTAINER);
    this.blob = this.container.getBlockBlobClient(options.blobName);
    this.lease = this.blob.getBlobLeaseClient(options.leaseId);
  }

  /**
   * Takes the lease when it is free (or already ours, which extends it); false when another instance
   * holds it. Creates the container and the blob the first time. Storage trouble throws.
   */
  async acquire(): Promise<boolean> {
    try {
      await this.lease.acquireLease(this.durationSeconds);
      return true;
    } catch (error) {
      if (errorCode(error) === 'LeaseAlreadyPresent') return false;
      if (statusOf(error) !== 404) throw error;
    }
    await this.createBlob();
    try {
      await this.lease.acquireLease(this.durationSeconds);
      return true;
    } catch (error) {
      // Another instance created the blob and took the lease in between.
      if (errorCode(error) === 'LeaseAlreadyPresent') return false;
      throw error;
    }
  }

  /** Extends the lease; false when it is no longer ours (it ran out and someone else took it). */
  async renew(): Promise<boolean> {
    try {
      await this.lease.renewLease();
      return true;
    } catch (error) {
      if (statusOf(error) === 409 || statusOf(error) === 404) return false;
      throw error;
    }
  }

  /** Gives the lease up at once, so a standby need not wait for it to run out. Quiet when not ours. */
  async release(): Promise<void> {
    try {
      await this.lease.releaseLease();
    } catch (error) {
      if (statusOf(error) === 409 || statusOf(error) === 404) return;
      throw error;
    }
  }

  /**
   * The container exists in Azure (the Bicep creates it, and the identity's role is scoped to it, so it
   * may not create containers); in Azurite it is created here the first time.
   */
  private async createBlob(): Promise<void> {
    try {
      await this.uploadEmpty();
    } catch (error) {
      if (errorCode(error) !== 'ContainerNotFound') throw error;
      await this.container.createIfNotExists();
      await this.uploadEmpty();
    }
  }

  private async uploadEmpty(): Promise<void> {
    try {
      await this.blob.upload('', 0, { conditions: { ifNoneMatch: '*' } });
    } catch (error) {
      // Created by another instance meanwhile (and perhaps leased already): either way it exists.
      if (statusOf(error) !== 409 && statusOf(error) !== 412) throw error;
    }
  }
}

function statusOf(error: unknown): number | undefined {
  return error instanceof RestError ? error.statusCode : undefined;
}

function errorCode(error: unknown): string | undefined {
  return error instanceof RestError ? error.code : undefined;
}
