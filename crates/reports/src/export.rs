//! A report written to a file (JSON, CSV or XLSX) without holding it in memory: its rows are
//! read from the database as a stream and handed, a batch at a time, to a writer on a blocking
//! thread, which writes them into an unnamed temporary file (XLSX: through rust_xlsxwriter's
//! constant-memory mode). The caller serves the file; the system deletes it once closed.
//!
//! Memory holds a few batches and the writer's buffers, whatever the number of rows.

use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};

use futures_util::StreamExt;
use ocop_core::{DomainError, DomainResult};
use sea_orm::{DatabaseConnection, StreamTrait};
use tokio::sync::mpsc;

use crate::model::{Cell, Column, ReportFormat, ReportHeader};
use crate::render::{self, write_error};
use crate::service::Prepared;
use crate::store::{Rows, cells};

/// Rows per batch handed to the writer.
const BATCH: usize = 500;
/// Batches read ahead of the writer.
const AHEAD: usize = 4;

type Batch = DomainResult<Vec<Vec<Cell>>>;

/// The report written to a temporary file, positioned at its start.
pub async fn export(
    db: &DatabaseConnection,
    prepared: &Prepared,
    format: ReportFormat,
) -> DomainResult<File> {
    let (tx, rx) = mpsc::channel::<Batch>(AHEAD);
    let header = prepared.header.clone();
    let columns = prepared.report.spec.columns;
    let writer = tokio::task::spawn_blocking(move || write_file(format, &header, columns, rx));
    feed(db, prepared, &tx).await;
    // The writer stops at the end of the channel: once every sender is gone.
    drop(tx);
    writer
        .await
        .map_err(|e| DomainError::Internal(format!("report writer: {e}")))?
}

/// Reads the rows and hands them over in batches; a failure is handed over too, so the writer
/// stops with it. Stops early when the writer has stopped (its receiver is gone).
async fn feed(db: &DatabaseConnection, prepared: &Prepared, tx: &mpsc::Sender<Batch>) {
    if let Err(e) = read_into(db, prepared, tx).await {
        let _ = tx.send(Err(e)).await;
    }
}

async fn read_into(
    db: &DatabaseConnection,
    prepared: &Prepared,
    tx: &mpsc::Sender<Batch>,
) -> DomainResult<()> {
    let columns = prepared.report.spec.columns;
    match prepared.report.rows {
        Rows::Sql(statement) => {
            let statement = statement(db.get_database_backend(), &prepared.context);
            let mut stream = Box::pin(StreamTrait::stream_raw(db, statement).await?);
            let mut batch = Vec::with_capacity(BATCH);
            while let Some(row) = stream.next().await {
                batch.push(cells(&row?, columns)?);
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if tx.send(Ok(full)).await.is_err() {
                        return Ok(());
                    }
                }
            }
            if !batch.is_empty() {
                let _ = tx.send(Ok(batch)).await;
            }
        }
        Rows::Computed(rows) => {
            let _ = tx.send(Ok(rows(db, &prepared.context).await?)).await;
        }
    }
    Ok(())
}

/// The rows as the writer pulls them, waiting for each batch.
struct Pull {
    rx: mpsc::Receiver<Batch>,
    batch: std::vec::IntoIter<Vec<Cell>>,
}

impl Iterator for Pull {
    type Item = DomainResult<Vec<Cell>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(row) = self.batch.next() {
                return Some(Ok(row));
            }
            match self.rx.blocking_recv()? {
                Ok(batch) => self.batch = batch.into_iter(),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// Writes the rows into a new temporary file (on the blocking thread).
fn write_file(
    format: ReportFormat,
    header: &ReportHeader,
    columns: &[Column],
    rx: mpsc::Receiver<Batch>,
) -> DomainResult<File> {
    let rows = Pull {
        rx,
        batch: Vec::new().into_iter(),
    };
    let mut file = tempfile::tempfile().map_err(|e| write_error("file", e))?;
    {
        let mut out = BufWriter::new(&mut file);
        match format {
            ReportFormat::Json => render::json::write(&mut out, header, columns, rows)?,
            ReportFormat::Csv => render::csv::write(&mut out, columns, rows)?,
            ReportFormat::Xlsx => render::xlsx::write(header, columns, rows, &mut out)?,
        }
        out.flush().map_err(|e| write_error("file", e))?;
    }
    file.seek(SeekFrom::Start(0))
        .map_err(|e| write_error("file", e))?;
    Ok(file)
}
