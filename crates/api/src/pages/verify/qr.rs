//! The QR code printed on a certificate: it encodes the server-rendered verification page
//! (`{public_url}/verify/{code}`), which a phone opens without loading the SPA. SVG for screens
//! and print layouts, PNG for tools that take only bitmaps.

use qrcode::render::svg;
use qrcode::{Color, QrCode};

use crate::error::ApiError;
use ocop_core::DomainError;

/// The address anyone can open to check the certificate with `code`.
pub fn verification_url(public_url: &str, code: &str) -> String {
    format!("{public_url}/verify/{}", code.trim().to_ascii_uppercase())
}

fn encode(url: &str) -> Result<QrCode, ApiError> {
    QrCode::new(url.as_bytes()).map_err(|e| ApiError::BadRequest(e.to_string()))
}

pub fn svg(url: &str) -> Result<String, ApiError> {
    Ok(encode(url)?
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build())
}

/// Pixels per module: a version-3 code (29 modules and the quiet zone) comes out at 296 px.
const SCALE: usize = 8;
/// The quiet zone the QR standard asks around the code, in modules.
const QUIET: usize = 4;

/// The code as a black-and-white PNG (1 bit per pixel). Drawn here from the modules with the
/// `png` crate: `qrcode`'s own PNG output goes through the whole `image` crate, tens of
/// codecs for one bitmap.
pub fn png(url: &str) -> Result<Vec<u8>, ApiError> {
    let code = encode(url)?;
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET) * SCALE;
    let row_bytes = side.div_ceil(8);
    let mut pixels = vec![0xFFu8; row_bytes * side];
    for (i, color) in colors.iter().enumerate() {
        if *color != Color::Dark {
            continue;
        }
        let (mx, my) = (i % modules, i / modules);
        for y in (my + QUIET) * SCALE..(my + QUIET + 1) * SCALE {
            for x in (mx + QUIET) * SCALE..(mx + QUIET + 1) * SCALE {
                // Grayscale 1-bit, most significant bit first: 0 is black.
                pixels[y * row_bytes + x / 8] &= !(0x80 >> (x % 8));
            }
        }
    }
    let side = u32::try_from(side).map_err(|_| internal("qr too large"))?;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    let mut writer = encoder
        .write_header()
        .map_err(|e| internal(&e.to_string()))?;
    writer
        .write_image_data(&pixels)
        .map_err(|e| internal(&e.to_string()))?;
    writer.finish().map_err(|e| internal(&e.to_string()))?;
    Ok(out)
}

fn internal(message: &str) -> ApiError {
    ApiError::Domain(DomainError::Internal(format!("qr png: {message}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_names_the_page_not_the_spa() {
        assert_eq!(
            verification_url("https://ocop.example", " ab23cd "),
            "https://ocop.example/verify/AB23CD"
        );
    }

    #[test]
    fn the_png_is_a_square_bitmap_with_dark_modules() {
        let bytes = png("https://ocop.example/verify/AB23CD45EF67").expect("png");
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
        let mut reader = decoder.read_info().expect("header");
        let (width, height) = (reader.info().width, reader.info().height);
        assert_eq!(width, height);
        assert_eq!(width as usize % SCALE, 0);
        let mut buf = vec![0; reader.output_buffer_size().expect("size")];
        reader.next_frame(&mut buf).expect("frame");
        // The quiet zone's first row is white; a finder pattern's corner is black.
        assert_eq!(buf[0], 0xFF);
        let row_bytes = (width as usize).div_ceil(8);
        let corner = QUIET * SCALE;
        assert_eq!(
            buf[corner * row_bytes + corner / 8] & (0x80 >> (corner % 8)),
            0
        );
    }
}
