"""The explorer's widgets."""

from tui.widgets.detail_pane import DetailPane
from tui.widgets.state_list import StateList
from tui.widgets.totals_footer import TotalsFooter

__all__ = ["DetailPane", "StateList", "TotalsFooter"]
