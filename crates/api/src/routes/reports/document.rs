//! Each report's own path in the OpenAPI document, made from its spec: `GET
//! /api/v1/reports/<name>` with the report's definition, a table of its columns, and its row as
//! a schema (`<Name>ReportRow`) — so a tool reads the columns and a client generator gets a
//! typed row, and the contract test checks every row the server sends. The operation is the
//! generic `reports.get`'s (same parameters, formats and errors), which keeps serving them all.

use ocop_reports::store::REPORTS;
use ocop_reports::{Column, ColumnKind, ReportSpec};
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::schema::{
    AdditionalProperties, AllOfBuilder, ArrayBuilder, KnownFormat, ObjectBuilder, Schema,
    SchemaFormat, SchemaType, Type,
};
use utoipa::openapi::{OpenApi, Ref, RefOr};

const GENERIC: &str = "/api/v1/reports/{name}";

/// Adds each report's path and row schema, and lists the report names on the generic path.
pub fn document(api: &mut OpenApi) {
    let Some(generic) = api
        .paths
        .paths
        .get_mut(GENERIC)
        .and_then(|p| p.get.as_mut())
    else {
        return;
    };
    let names: Vec<&str> = REPORTS.iter().map(|r| r.spec.name).collect();
    for parameter in generic.parameters.iter_mut().flatten() {
        if let RefOr::T(parameter) = parameter
            && parameter.name == "name"
        {
            let schema = ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(names.clone()));
            parameter.schema = Some(schema.into());
        }
    }
    let generic = generic.clone();
    let components = api.components.get_or_insert_with(Default::default);
    for report in REPORTS {
        let spec = &report.spec;
        let row = row_schema_name(spec.name);
        components.schemas.insert(row.clone(), row_schema(spec));
        let mut item = PathItem::default();
        item.get = Some(operation(&generic, spec, &row));
        api.paths
            .paths
            .insert(format!("/api/v1/reports/{}", spec.name), item);
    }
}

/// `province-summary` → `ProvinceSummaryReportRow`.
fn row_schema_name(name: &str) -> String {
    let mut out = String::new();
    for word in name.split('-') {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out + "ReportRow"
}

fn operation(generic: &Operation, spec: &ReportSpec, row: &str) -> Operation {
    let mut op = generic.clone();
    op.operation_id = Some(format!("reports.{}", spec.name));
    op.summary = Some(spec.title_en.to_string());
    op.description = Some(describe(spec));
    if let Some(parameters) = op.parameters.as_mut() {
        parameters.retain(|p| match p {
            RefOr::T(p) => p.name != "name" && (p.name != "year" || spec.takes_year),
            RefOr::Ref(_) => true,
        });
    }
    let body = AllOfBuilder::new()
        .item(Ref::from_schema_name("ReportOut"))
        .item(ObjectBuilder::new().property(
            "rows",
            ArrayBuilder::new().items(Ref::from_schema_name(row)),
        ));
    if let Some(RefOr::T(ok)) = op.responses.responses.get_mut("200")
        && let Some(RefOr::T(json)) = ok.content.get_mut("application/json")
    {
        json.schema = Some(body.into());
    }
    op
}

/// The report's definition, then its columns as a table.
fn describe(spec: &ReportSpec) -> String {
    let mut text = format!(
        "{} ({})\n\n{}\n\n| Column | Type | Nhãn | Label | Meaning |\n|---|---|---|---|---|\n",
        spec.title_en, spec.title_vi, spec.description
    );
    for c in spec.columns {
        let nullable = if c.nullable { ", or null" } else { "" };
        text.push_str(&format!(
            "| `{}` | {}{nullable} | {} | {} | {} |\n",
            c.key,
            kind_name(c.kind),
            c.label_vi,
            c.label_en,
            c.description
        ));
    }
    text
}

fn kind_name(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::Text => "text",
        ColumnKind::Integer => "integer",
        ColumnKind::Dong => "integer (đồng)",
        ColumnKind::Date => "date",
        ColumnKind::Number => "number",
        ColumnKind::Ratio => "number (a ratio: 0.25 = 25 %)",
    }
}

/// A row: every column's key, typed by its kind, null only where the column may be missing.
fn row_schema(spec: &ReportSpec) -> RefOr<Schema> {
    let mut row = ObjectBuilder::new()
        .description(Some(format!("A row of the `{}` report.", spec.name)))
        .additional_properties(Some(AdditionalProperties::<Schema>::FreeForm(false)));
    for column in spec.columns {
        row = row
            .property(column.key.as_ref(), cell_schema(column))
            .required(column.key.as_ref());
    }
    row.into()
}

fn cell_schema(column: &Column) -> ObjectBuilder {
    let (kind, format) = match column.kind {
        ColumnKind::Text => (Type::String, None),
        ColumnKind::Integer | ColumnKind::Dong => (Type::Integer, Some(KnownFormat::Int64)),
        ColumnKind::Date => (Type::String, Some(KnownFormat::Date)),
        ColumnKind::Number | ColumnKind::Ratio => (Type::Number, Some(KnownFormat::Double)),
    };
    let schema_type = if column.nullable {
        SchemaType::Array(vec![kind, Type::Null])
    } else {
        SchemaType::Type(kind)
    };
    ObjectBuilder::new()
        .schema_type(schema_type)
        .format(format.map(SchemaFormat::KnownFormat))
        .description(Some(format!(
            "{} — {}",
            column.label_vi, column.description
        )))
}
