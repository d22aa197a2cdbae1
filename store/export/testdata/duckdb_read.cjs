// Reads a Parquet export with DuckDB (npm @duckdb/node-api, which ships
// its engine) and prints one JSON object a row, for duckdb_test.go.
// Usage: NODE_PATH=.../node_modules node duckdb_read.cjs FILE.parquet
const { DuckDBInstance } = require('@duckdb/node-api');

async function main() {
  const file = process.argv[2];
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const sql = `SELECT id, url, site, title, lead, text, author,
      CAST(epoch_ms(published) AS VARCHAR) AS published_ms,
      category, CAST(to_json(tags) AS VARCHAR) AS tags,
      CAST(to_json(images) AS VARCHAR) AS images, extractor,
      CAST(epoch_us(fetched_at) AS VARCHAR) AS fetched_us,
      content_hash, CAST(extra AS VARCHAR) AS extra,
      typeof(published) AS published_type
    FROM read_parquet($1)`;
  const reader = await con.runAndReadAll(sql, [file]);
  for (const row of reader.getRowObjectsJson()) {
    process.stdout.write(JSON.stringify(row) + '\n');
  }
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
