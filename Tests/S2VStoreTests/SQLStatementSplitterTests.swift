import S2VStore
import Testing

@Suite struct SQLStatementSplitterTests {
    @Test func splitsOnSemicolons() {
        #expect(SQLStatementSplitter.split("SELECT 1; SELECT 2;\nSELECT 3") == ["SELECT 1", "SELECT 2", "SELECT 3"])
    }

    @Test func keepsSemicolonsInsideQuotesAndComments() {
        let script = """
            -- a comment; with a semicolon
            INSERT INTO t VALUES ('a;b', 'it''s; fine');
            /* block; /* nested; */ still comment; */ SELECT "odd;name" FROM t;
            """
        #expect(
            SQLStatementSplitter.split(script) == [
                "-- a comment; with a semicolon\nINSERT INTO t VALUES ('a;b', 'it''s; fine')",
                "/* block; /* nested; */ still comment; */ SELECT \"odd;name\" FROM t",
            ]
        )
    }

    @Test func keepsDollarQuotedBodiesWhole() {
        let script = """
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'no; never';
            END;
            $$;
            CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;
            SELECT $1;
            """
        let statements = SQLStatementSplitter.split(script)
        #expect(statements.count == 3)
        #expect(statements[0].hasSuffix("END;\n$$"))
        #expect(statements[1] == "CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$")
        #expect(statements[2] == "SELECT $1")
    }

    @Test func dropsCommentOnlyAndEmptyStatements() {
        #expect(SQLStatementSplitter.split(";;\n-- only a comment\n;  ") == [])
    }
}
