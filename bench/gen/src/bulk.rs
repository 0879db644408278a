//! Multi-row INSERTs: rows are buffered and written as `INSERT ... VALUES (...), (...)` with as
//! many rows as the bind limit allows (SQLite's 32,766 variables is the lower of the two), in
//! the caller's transaction. SQLite gets plain `?` placeholders: it looks each numbered one up
//! among those already seen, which makes parsing a statement of 30,000 of them quadratic. Values go through sea-orm, so uuids, dates and instants are encoded
//! exactly as the app writes and reads them on each backend.

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseTransaction, DbErr, Statement, Value};

const MAX_BINDS: usize = 30_000;

pub struct Bulk<'a> {
    txn: &'a DatabaseTransaction,
    head: String,
    columns: usize,
    rows: Vec<Vec<Value>>,
    pub written: u64,
}

impl<'a> Bulk<'a> {
    pub fn new(txn: &'a DatabaseTransaction, table: &str, columns: &[&str]) -> Self {
        Self {
            txn,
            head: format!("INSERT INTO {table} ({}) VALUES ", columns.join(", ")),
            columns: columns.len(),
            rows: Vec::new(),
            written: 0,
        }
    }

    /// Whether pushing `more` rows would write the buffer: a table whose rows others refer to
    /// is flushed first, so that the foreign keys hold at every statement.
    pub fn fills_up(&self, more: usize) -> bool {
        (self.rows.len() + more + 1) * self.columns > MAX_BINDS
    }

    pub async fn push(&mut self, row: Vec<Value>) -> Result<(), DbErr> {
        if row.len() != self.columns {
            return Err(DbErr::Custom(format!(
                "{}: {} values for {} columns",
                self.head,
                row.len(),
                self.columns
            )));
        }
        self.rows.push(row);
        if (self.rows.len() + 1) * self.columns > MAX_BINDS {
            self.flush().await?;
        }
        Ok(())
    }

    pub async fn flush(&mut self) -> Result<(), DbErr> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let backend = self.txn.get_database_backend();
        let numbered = backend != DatabaseBackend::Sqlite;
        let mut sql = String::with_capacity(self.head.len() + self.rows.len() * self.columns * 6);
        sql.push_str(&self.head);
        let mut values = Vec::with_capacity(self.rows.len() * self.columns);
        for (r, row) in self.rows.drain(..).enumerate() {
            if r > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for c in 0..self.columns {
                if c > 0 {
                    sql.push_str(", ");
                }
                if numbered {
                    sql.push('$');
                    sql.push_str(&(values.len() + c + 1).to_string());
                } else {
                    sql.push('?');
                }
            }
            sql.push(')');
            values.extend(row);
            self.written += 1;
        }
        self.txn
            .execute_raw(Statement::from_sql_and_values(backend, sql, values))
            .await?;
        Ok(())
    }
}
