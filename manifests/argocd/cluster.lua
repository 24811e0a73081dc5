-- Argo CD health of a failwise.io Cluster: the devices it serves, as the controller last saw them.
hs = {}
local function condition(status, type)
  if status == nil or status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end
local status = obj.status
if status == nil or status.health == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the controller to read the cluster's signals"
  return hs
end
if obj.metadata.generation ~= nil and status.observedGeneration ~= nil and status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the controller to observe generation " .. obj.metadata.generation
  return hs
end
local ready = condition(status, "Ready")
if ready ~= nil and ready.status == "False" and ready.reason == "InvalidSpec" then
  hs.status = "Degraded"
  hs.message = ready.message or "The spec is invalid"
  return hs
end
if status.health == "Healthy" then
  hs.status = "Healthy"
  hs.message = (ready and ready.message) or "Healthy"
elseif status.health == "Outage" then
  local outage = condition(status, "Outage")
  hs.status = "Degraded"
  hs.message = "Outage: " .. ((outage and outage.message) or "devices are offline")
elseif status.health == "Degraded" then
  local degraded = condition(status, "Degraded")
  hs.status = "Degraded"
  hs.message = "Degraded: " .. ((degraded and degraded.message) or "more devices offline than usual")
else
  hs.status = "Unknown"
  hs.message = (ready and ready.message) or ("Health " .. status.health)
end
return hs
