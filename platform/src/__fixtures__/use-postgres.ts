// jest setupFile of the `int-postgres` project: the store-level integration tests run on PostgreSQL.
process.env.IPLUS_TEST_DATABASE = 'postgres';
