-- history.recent-failures: the Cargo user's failed statements (SYS_QUERY_HISTORY, status 'failed':
-- https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_HISTORY.html) and COPY load errors
-- (https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_ERROR_DETAIL.html) and failed unloads
-- (https://docs.aws.amazon.com/redshift/latest/dg/SYS_UNLOAD_HISTORY.html) from @since to @until,
-- newest first, at most 201 rows (the cap plus one): one statement whatever the history size.
-- Left out: cargo-doctor's own statements (its probes name cargo_doctor_* objects; its catalog reads
-- start with a "-- <check id>" comment like this one; whether Redshift keeps a leading comment in
-- query_text is not documented, so the run's own statements are also cut off by @until).
SELECT f.source, f.query_type, f.start_time, f.error_message, f.statement
FROM (
    SELECT 'query' AS source, TRIM(h.query_type) AS query_type, h.start_time, TRIM(h.error_message) AS error_message,
           LEFT(h.query_text, 200) AS statement
    FROM sys_query_history h
    JOIN pg_catalog.pg_user u ON u.usesysid = h.user_id
    WHERE u.usename = @user AND TRIM(h.status) = 'failed' AND h.start_time >= @since AND h.start_time < @until
      AND h.query_text NOT LIKE '%cargo\_doctor%' AND h.query_text NOT LIKE '-- db.%'
      AND h.query_text NOT LIKE '-- check:%' AND h.query_text NOT LIKE '-- history.%'
      AND NOT EXISTS (SELECT 1 FROM sys_unload_history x WHERE x.query_id = h.query_id AND TRIM(x.status) = 'aborted')
    UNION ALL
    -- Failed UNLOADs: status 'aborted' with the error_message (https://docs.aws.amazon.com/redshift/latest/dg/SYS_UNLOAD_HISTORY.html);
    -- the statement comes from the same query_id's SYS_QUERY_HISTORY row, which the first branch then leaves out.
    SELECT 'unload' AS source, 'UNLOAD' AS query_type, x.start_time, TRIM(x.error_message) AS error_message,
           LEFT(q.query_text, 200) AS statement
    FROM sys_unload_history x
    JOIN pg_catalog.pg_user u ON u.usesysid = x.user_id
    LEFT JOIN sys_query_history q ON q.query_id = x.query_id
    WHERE u.usename = @user AND TRIM(x.status) = 'aborted' AND x.start_time >= @since AND x.start_time < @until
      AND (q.query_text IS NULL OR q.query_text NOT LIKE '%cargo\_doctor%')
    UNION ALL
    SELECT 'load' AS source, 'COPY' AS query_type, d.start_time, TRIM(d.error_message) AS error_message, NULL AS statement
    FROM sys_load_error_detail d
    JOIN pg_catalog.pg_user u ON u.usesysid = d.user_id
    WHERE u.usename = @user AND d.start_time >= @since AND d.start_time < @until
      AND NOT EXISTS (SELECT 1 FROM sys_query_history q WHERE q.query_id = d.query_id AND q.query_text LIKE '%cargo\_doctor%')
) f
ORDER BY f.start_time DESC
LIMIT 201
