//! The chart: each round's realised loss (grey), the VaR forecast for it (blue) and the
//! breaches (red dots), in % of the notional. SVG carries the title and axis labels; PNG (the
//! bitmap backend, encoded by `png`, no font library) is the same picture without text.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::run::{u128_f64, Obs, NOTIONAL};
use crate::stats::f;

const SIZE: (u32, u32) = (1400, 560);

fn draw<DB: DrawingBackend>(root: DrawingArea<DB, Shift>, title: &str, obs: &[Obs], text: bool) -> Result<(), String>
where
    DB::ErrorType: 'static,
{
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&WHITE).map_err(e)?;
    let unit = u128_f64(u128::try_from(NOTIONAL).unwrap_or(1));
    let var: Vec<f64> = obs.iter().map(|o| 100.0 * u128_f64(o.measure.var) / unit).collect();
    let loss: Vec<f64> = obs.iter().map(|o| 100.0 * o.loss).collect();
    let top = var.iter().chain(&loss).copied().fold(1.0f64, f64::max) * 1.05;
    let bottom = loss.iter().copied().fold(0.0f64, f64::min).max(-top) * 1.05;
    let n = obs.len();
    let mut b = ChartBuilder::on(&root);
    b.margin(12);
    if text {
        b.caption(title, ("sans-serif", 22)).x_label_area_size(40).y_label_area_size(60);
    }
    let mut chart = b.build_cartesian_2d(0.0..f(n.max(1)), bottom..top).map_err(e)?;
    let mut mesh = chart.configure_mesh();
    mesh.light_line_style(WHITE);
    if text {
        mesh.x_desc("round").y_desc("loss, % of notional");
    } else {
        mesh.x_labels(0).y_labels(0);
    }
    mesh.draw().map_err(e)?;
    let grey = RGBColor(150, 150, 150);
    chart.draw_series(loss.iter().enumerate().map(|(i, l)| Circle::new((f(i), *l), 1, grey.filled()))).map_err(e)?;
    let line = chart
        .draw_series(LineSeries::new(var.iter().enumerate().map(|(i, v)| (f(i), *v)), BLUE.stroke_width(2)))
        .map_err(e)?;
    if text {
        line.label("VaR").legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLUE.stroke_width(2)));
    }
    let hits = obs
        .iter()
        .enumerate()
        .filter(|(_, o)| o.breach)
        .map(|(i, o)| Circle::new((f(i), 100.0 * o.loss), 4, RED.filled()));
    let hits = chart.draw_series(hits).map_err(e)?;
    if text {
        hits.label("breach").legend(|(x, y)| Circle::new((x + 10, y), 4, RED.filled()));
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .position(SeriesLabelPosition::UpperRight)
            .draw()
            .map_err(e)?;
    }
    root.present().map_err(e)?;
    Ok(())
}

/// Writes the chart to `path` (`.svg` or `.png`).
pub fn chart(path: &str, r: &serde_json::Value, obs: &[Obs]) -> Result<(), String> {
    let title = format!(
        "{} — {} VaR, window {}, {} bps: {} breaches in {} rounds ({} zone)",
        r["market"].as_str().unwrap_or(""),
        r["method"].as_str().unwrap_or(""),
        r["window"],
        r["confidence_bps"],
        r["breaches"],
        r["observations"],
        r["zone"].as_str().unwrap_or("")
    );
    if path.ends_with(".svg") {
        draw(SVGBackend::new(path, SIZE).into_drawing_area(), &title, obs, true)
    } else if path.ends_with(".png") {
        let (w, h) = SIZE;
        let mut buf = vec![0u8; usize::try_from(w * h * 3).map_err(|_| "image too large")?];
        draw(BitMapBackend::with_buffer(&mut buf, SIZE).into_drawing_area(), &title, obs, false)?;
        let file = std::fs::File::create(path).map_err(|e| e.to_string())?;
        let mut enc = png::Encoder::new(std::io::BufWriter::new(file), w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.write_header().and_then(|mut wr| wr.write_image_data(&buf)).map_err(|e| e.to_string())
    } else {
        Err("the chart file must end in .svg or .png".into())
    }
}
