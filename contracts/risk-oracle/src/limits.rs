//! Hard limits. Each config limit defaults to its hard maximum and may be set lower.
//! The maxima were chosen from the gas report (docs/gas.md): every `assess` at these sizes
//! stays under 1,000,000 SDK gas.

/// Markets the oracle may hold (also the dimension of the correlation matrix).
pub const MAX_MARKETS: u32 = 32;
/// Exposures in one query.
pub const MAX_EXPOSURES: u32 = 32;
/// Monte Carlo paths.
pub const MAX_PATHS: u32 = 10_000;
/// Monte Carlo draws per `assess`: paths × the slots a simulation spans (highest slot of the
/// book + 1; configuration checks paths × max(slots in use, max_markets)). Measured in
/// cosmwasm-vm 2.2.10 (tests/vm-gas), a draw with its factor multiply costs ~0.28 SDK gas
/// (≈39,500 VM gas: the table-and-cubic draw of `risk_math::normal::normal_draw`, ~0.09, the
/// xoshiro step and the 128-bit multiply-add); 10,000 paths × 32 markets = 320,000 draws cost
/// 189,812 SDK gas with the parametric floor and KV reads (was 1,667,274 with the AS241 draw and
/// a cap of 160,000), a margin of 5× under the 1M budget. The cap is therefore the product of
/// the path and market limits, which every configuration satisfies: the gas alone would allow
/// ~3M draws at 32 markets; raising `MAX_PATHS` is a separate decision (Monte Carlo with option
/// legs is bounded by [`MAX_MC_LADDER_READS`] instead).
pub const MAX_MC_DRAWS: u64 = 320_000;
/// Monte Carlo with option legs: paths × the markets holding an unexpired leg (one ladder read
/// per path and such market). Measured in cosmwasm-vm 2.2.10 (tests/vm-gas): a read costs
/// ~6.6 SDK gas and a leg's ladder ~5,750 (33 valuations); 10,000 paths × 4 markets with 32 legs
/// cost 664,215 SDK gas in all, with 64 legs ≈ 850,000. Over this bound `assess` answers
/// `LimitExceeded` (a report of such a book is refused; the member splits it or the owner
/// lowers `paths`): the product is not known at configuration, where 10,000 paths stay valid.
pub const MAX_MC_LADDER_READS: u64 = 40_000;
/// Filtered historical: stored rounds × slots an `assess` reads (each round's returns and
/// volatilities, 16 bytes a slot). Measured in cosmwasm-vm 2.2.10 (tests/vm-gas): 500 rounds ×
/// 32 markets cost 1,105,688 SDK gas (950,879 of it KV reads of 271 KB), over the 1M budget;
/// ≈69 SDK gas a cell, so 12,000 (500 rounds × 24 markets, or 375 × 32) ≈ 850,000.
pub const MAX_FILTERED_CELLS: u64 = 12_000;
/// Price rounds kept for the historical method.
pub const MAX_HISTORY: u32 = 500;
/// Stress scenarios, and shocks per scenario.
pub const MAX_SCENARIOS: u32 = 32;
/// Feeders.
pub const MAX_FEEDERS: usize = 16;
/// Members in one `pool_requirement` query.
pub const MAX_POOL_MEMBERS: usize = 64;
/// Largest annualised volatility (10,000 %).
pub const MAX_VOLATILITY_PCT: u64 = 10_000;
/// Longest risk horizon: one year.
pub const MAX_HORIZON_SECS: u64 = risk_math::YEAR_SECS;
/// Largest accepted single-round move setting (1,000 %).
pub const MAX_MOVE_BPS: u32 = 100_000;
/// Market id length and page sizes.
pub const MAX_ID_LEN: usize = 32;
pub const MAX_NAME_LEN: usize = 64;
pub const DEFAULT_PAGE: u32 = 10;
pub const MAX_PAGE: u32 = 30;

/// Defaults of the optional instantiate fields.
pub const DEFAULT_HISTORY_LEN: u32 = 250;
pub const DEFAULT_ROUND_SECS: u64 = 3_600;
pub const DEFAULT_MAX_MOVE_BPS: u32 = 5_000;
/// Default largest gap between the two middle submissions of an even count (1 %).
pub const DEFAULT_MAX_FEEDER_SPREAD_BPS: u32 = 100;
/// Largest `max_feeder_spread_bps` setting (100 %).
pub const MAX_FEEDER_SPREAD_BPS: u32 = 10_000;
/// Option legs in one query (SPEC default of `max_option_legs`, also its largest setting).
pub const MAX_OPTION_LEGS: u32 = 64;
/// Default short-option minimum (1 % of |size|·S per written leg).
pub const DEFAULT_SHORT_OPTION_MIN_BPS: u32 = 100;
/// Default largest move of an implied vol in one round (50 %).
pub const DEFAULT_MAX_VOL_MOVE_BPS: u32 = 5_000;
/// Largest backtest window (model validation): the history maximum, 500 rounds (its state is
/// 8 + 63 bytes per market, read and written once per round).
pub const MAX_BACKTEST_WINDOW: u32 = MAX_HISTORY;

#[cfg(test)]
mod tests {
    use super::*;

    /// The draw cap is the product of the path and market limits (see [`MAX_MC_DRAWS`]).
    #[test]
    fn draw_cap_is_paths_times_markets() {
        assert_eq!(MAX_MC_DRAWS, u64::from(MAX_PATHS) * u64::from(MAX_MARKETS));
    }
}
