//! The price file: a CSV with a header naming a `date` and a `price` column (any order, any
//! case; other columns ignored), one row per round, oldest first. Prices are positive decimals
//! with at most 18 places, read exactly as the oracle reads a `Decimal` (18-decimal atomics).

/// One row of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The date as written (not parsed: it only labels the output).
    pub date: String,
    /// The price as 18-decimal atomics.
    pub atomics: u128,
}

/// A decimal string (`123`, `123.45`, `.5`) as 18-decimal atomics; `None` for anything else
/// (signs, exponents, more than 18 places, overflow).
pub fn parse_decimal(s: &str) -> Option<u128> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if (int.is_empty() && frac.is_empty()) || frac.len() > 18 {
        return None;
    }
    if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let int: u128 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let mut f: u128 = if frac.is_empty() { 0 } else { frac.parse().ok()? };
    for _ in frac.len()..18 {
        f *= 10;
    }
    int.checked_mul(1_000_000_000_000_000_000)?.checked_add(f)
}

/// Reads the rows, or an error naming the line (1-based, the header is line 1) and what is
/// wrong with it. Blank lines are skipped; fewer than two rows is an error.
pub fn parse(text: &str) -> Result<Vec<Row>, String> {
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    let (_, header) = lines.next().ok_or("the price file is empty (expected a header `date,price`)")?;
    let cols: Vec<String> =
        header.split(',').map(|c| c.trim().trim_start_matches('\u{feff}').to_ascii_lowercase()).collect();
    let find = |name: &str| cols.iter().position(|c| c == name);
    let price_col =
        find("price").ok_or_else(|| format!("line 1: no `price` column in the header `{}`", header.trim()))?;
    let date_col = find("date");
    let mut rows = vec![];
    for (i, line) in lines {
        let n = i + 1;
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let price = fields
            .get(price_col)
            .ok_or_else(|| format!("line {n}: {} fields, but `price` is column {}", fields.len(), price_col + 1))?;
        let atomics = parse_decimal(price)
            .ok_or_else(|| format!("line {n}: price `{price}` is not a plain decimal number (at most 18 decimals)"))?;
        if atomics == 0 {
            return Err(format!("line {n}: price is zero (prices must be positive)"));
        }
        let date = date_col.and_then(|c| fields.get(c)).map_or_else(|| format!("row {n}"), |d| (*d).to_string());
        rows.push(Row { date, atomics });
    }
    if rows.len() < 2 {
        return Err(format!("the price file has {} price rows; a backtest needs at least two", rows.len()));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_exact_18_place_atomics() {
        assert_eq!(parse_decimal("25.56"), Some(25_560_000_000_000_000_000));
        assert_eq!(parse_decimal("7"), Some(7_000_000_000_000_000_000));
        assert_eq!(parse_decimal(".5"), Some(500_000_000_000_000_000));
        assert_eq!(parse_decimal("0.000000000000000001"), Some(1));
        for bad in ["", ".", "-1", "+1", "1e3", "1.0000000000000000001", "1,5", "nan", "1.2.3"] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
    }

    #[test]
    fn header_columns_extra_fields_and_line_numbers() {
        let rows = parse("Volume,Price,Date\n10,100.5,2020-01-01\n\n11,101,2020-01-02\n").unwrap();
        assert_eq!(rows[1], Row { date: "2020-01-02".into(), atomics: 101_000_000_000_000_000_000 });
        assert_eq!(
            parse("date,price\n2020-01-01,100\n2020-01-02,abc\n").unwrap_err(),
            "line 3: price `abc` is not a plain decimal number (at most 18 decimals)"
        );
        assert_eq!(
            parse("date,price\n2020-01-01,100\n2020-01-02\n").unwrap_err(),
            "line 3: 1 fields, but `price` is column 2"
        );
        assert_eq!(parse("date,close\n1,2\n").unwrap_err(), "line 1: no `price` column in the header `date,close`");
        assert_eq!(parse("date,price\n1,0\n2,1\n").unwrap_err(), "line 2: price is zero (prices must be positive)");
        assert_eq!(
            parse("date,price\n1,5\n").unwrap_err(),
            "the price file has 1 price rows; a backtest needs at least two"
        );
        assert!(parse("").is_err());
    }
}
