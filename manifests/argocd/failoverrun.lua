-- Argo CD health of a failwise.io FailoverRun: where the run is. A run waiting for a person (an
-- approval, the global halt) is Suspended; one that ended without doing what it was asked is Degraded.
hs = {}
local status = obj.status
if status == nil or status.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the controller to admit the run"
  return hs
end
local phase = status.phase
local message = status.message or phase
if phase == "Succeeded" or phase == "Planned" then
  hs.status = "Healthy"
elseif phase == "Pending" or phase == "Running" or phase == "RollingBack" then
  hs.status = "Progressing"
elseif phase == "AwaitingApproval" or phase == "Halted" then
  hs.status = "Suspended"
elseif phase == "RolledBack" or phase == "Refused" or phase == "Aborted" or phase == "Failed" then
  hs.status = "Degraded"
else
  hs.status = "Unknown"
end
hs.message = phase .. ": " .. message
return hs
