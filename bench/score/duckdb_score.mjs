// The sub-area, pillar and overall scores of docs/methodology.md computed in SQL by DuckDB (npm
// @duckdb/node-api) from the answers CSV, for bench/score/run: the same computation as
// pandas_score.py, with DuckDB's defaults (as many threads as cores). The instrument comes as the
// two CSV files instrument_tables.py writes. Prints CSV lines `id,score,coverage` (score empty when
// withheld), sorted. Usage: node duckdb_score.mjs TREE.csv LEVELS.csv ANSWERS.csv
import { DuckDBInstance } from '@duckdb/node-api';

const [tree, levels, answers] = process.argv.slice(2);
const quote = (path) => `'${path.replaceAll("'", "''")}'`;

const sql = `
WITH a AS (
  SELECT statement, "group" AS grp, answer
  FROM read_csv(${quote(answers)}, header = true, all_varchar = true)
  WHERE answer <> ''),
tree AS (
  SELECT statement, subarea, pillar, ws::DOUBLE AS ws, wa::DOUBLE AS wa, wp::DOUBLE AS wp
  FROM read_csv(${quote(tree)}, header = true, all_varchar = true)),
levels AS (
  SELECT statement, code, x::DOUBLE AS x
  FROM read_csv(${quote(levels)}, header = true, all_varchar = true)),
counts AS (
  SELECT statement,
         count(*) FILTER (WHERE answer NOT IN ('DK', 'NA')) AS level,
         count(*) FILTER (WHERE answer = 'DK') AS dk,
         count(*) FILTER (WHERE answer = 'NA') AS na
  FROM a GROUP BY statement),
by_group AS (  -- group weights: all 1 in this benchmark
  SELECT a.statement, a.grp, avg(levels.x) AS x
  FROM a JOIN levels ON levels.statement = a.statement AND levels.code = a.answer
  GROUP BY a.statement, a.grp),
stmt AS (SELECT statement, sum(x) / count(*) AS s FROM by_group GROUP BY statement),
t AS (
  SELECT tree.*, coalesce(counts.level, 0) AS level, coalesce(counts.dk, 0) AS dk,
         coalesce(counts.na, 0) AS na, stmt.s
  FROM tree LEFT JOIN counts USING (statement) LEFT JOIN stmt USING (statement)),
applicable AS (SELECT * FROM t WHERE na <= level + dk),
sub AS (
  SELECT subarea, any_value(pillar) AS pillar, any_value(wa) AS wa,
         count(*) AS n, count(s) AS k, sum(ws * s) / sum(ws) FILTER (WHERE s IS NOT NULL) AS v
  FROM applicable GROUP BY subarea),
sub_scores AS (
  SELECT *, k / n AS coverage, CASE WHEN k / n >= 0.5 THEN v END AS score FROM sub),
pil AS (
  SELECT pillar, sum(n) AS n, sum(k) AS k,
         sum(wa * score) / sum(wa) FILTER (WHERE score IS NOT NULL) AS v
  FROM sub_scores GROUP BY pillar),
pil_scores AS (
  SELECT pil.*, k / n AS coverage, CASE WHEN k / n >= 0.5 THEN v END AS score, w.wp
  FROM pil JOIN (SELECT pillar, any_value(wp) AS wp FROM tree GROUP BY pillar) w USING (pillar)),
overall AS (
  SELECT 'overall' AS id,
         CASE WHEN sum(k) / sum(n) >= 0.5
              THEN sum(wp * score) / sum(wp) FILTER (WHERE score IS NOT NULL) END AS score,
         sum(k) / sum(n) AS coverage
  FROM pil_scores)
SELECT subarea AS id, score, coverage FROM sub_scores
UNION ALL SELECT pillar, score, coverage FROM pil_scores
UNION ALL SELECT id, score, coverage FROM overall
ORDER BY id`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const result = await connection.runAndReadAll(sql);
const lines = result.getRows().map(([id, score, coverage]) =>
  `${id},${score === null ? '' : Number(score)},${Number(coverage)}`);
console.log(lines.sort().join('\n'));
