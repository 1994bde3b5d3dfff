//! The masked copy of the report on screen (the mask switch on): made a
//! few checks per task ([`Steps`]), so a large report does not hold the
//! page's thread, then shown, printed and exported instead of the report.

use super::browser;
use crate::analyzer::model::Report;
use crate::export::Steps;
use std::time::Duration;

/// A task of the masking runs for about this long (ms).
const STEP_MS: f64 = 12.0;

/// `report` with host names and addresses masked, as [`crate::anonymize::mask_report`] makes it.
pub async fn masked(report: &Report) -> Report {
    let mut steps = Steps::masked(report);
    let mut count = 500;
    loop {
        let start = browser::now();
        if steps.step(count) {
            break;
        }
        let took = browser::now() - start;
        if took < STEP_MS / 2.0 {
            count = count.saturating_mul(2);
        } else if took > STEP_MS * 2.0 {
            count = (count / 2).max(1);
        }
        yew::platform::time::sleep(Duration::ZERO).await;
    }
    steps.finish_masked()
}
