import { blobUrlOf, loadConfig } from '../../src/app/config';

describe('where the sweeper lease is kept', () => {
  test('when only STORAGE_ACCOUNT_URL is set, then the blob endpoint is the table endpoint read as blob', () => {
    const config = loadConfig({ STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net' });
    expect(blobUrlOf(config)).toBe('https://acct.blob.core.windows.net');
  });

  test('when STORAGE_BLOB_URL is set, then it is used as it is', () => {
    const config = loadConfig({
      STORAGE_ACCOUNT_URL: 'https://tables.example.org',
      STORAGE_BLOB_URL: 'https://blobs.example.org',
    });
    expect(blobUrlOf(config)).toBe('https://blobs.example.org');
  });

  test('when the table endpoint is not a *.table.* one and no STORAGE_BLOB_URL is set, then start-up stops naming it', () => {
    expect(() => loadConfig({ STORAGE_ACCOUNT_URL: 'https://tables.example.org' })).toThrow(
      'Configuration is not valid: STORAGE_BLOB_URL: is required when STORAGE_ACCOUNT_URL is not a *.table.* endpoint',
    );
    expect(() =>
      loadConfig({ STORAGE_ACCOUNT_URL: 'https://tables.example.org', SCHEDULER: 'off' }),
    ).not.toThrow();
  });

  test('when STORAGE_BLOB_URL is set without STORAGE_ACCOUNT_URL or is not https, then start-up stops naming it', () => {
    expect(() => loadConfig({ STORAGE_BLOB_URL: 'https://acct.blob.core.windows.net' })).toThrow(
      'STORAGE_BLOB_URL: is used only with STORAGE_ACCOUNT_URL',
    );
    expect(() =>
      loadConfig({
        STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net',
        STORAGE_BLOB_URL: 'http://acct.blob.core.windows.net',
      }),
    ).toThrow('STORAGE_BLOB_URL: must be an https:// URL');
  });

  test('when a connection string names tables but no blob endpoint, then the scheduler cannot start and says why', () => {
    const tablesOnly =
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1';
    expect(() => loadConfig({ STORAGE_CONNECTION_STRING: tablesOnly })).toThrow(
      'STORAGE_CONNECTION_STRING: names a TableEndpoint but no BlobEndpoint',
    );
    expect(() => loadConfig({ STORAGE_CONNECTION_STRING: tablesOnly, SCHEDULER: 'off' })).not.toThrow();
    expect(() =>
      loadConfig({
        STORAGE_CONNECTION_STRING: `${tablesOnly};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1`,
      }),
    ).not.toThrow();
  });
});
